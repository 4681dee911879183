import { readAnyJsonFile } from '../../../lib/read-assay-file.ts';

/** Whether a file is an answer key (its `format` family); anything unreadable counts as "not a key". */
async function looksLikeKey(file: File): Promise<boolean> {
  try {
    return (await readAnyJsonFile(file, ['bundle', 'key'])).kind === 'key';
  } catch {
    return false;
  }
}

/**
 * Setup files in the order the workspace can take them: bundles (and anything
 * else) first, answer keys after, since a key is checked against its bundle.
 * Otherwise the order chosen is kept.
 */
export async function bundlesBeforeKeys(files: readonly File[]): Promise<File[]> {
  const tagged = await Promise.all(files.map(async (file, index) => ({ file, index, key: await looksLikeKey(file) })));
  return tagged.sort((a, b) => Number(a.key) - Number(b.key) || a.index - b.index).map((t) => t.file);
}
