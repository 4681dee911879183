import { KEY_FORMAT } from '../../../core/index.ts';

const PEEK_LIMIT = 5 * 1024 * 1024;

/** Whether a file looks like an answer key (its `format`); anything unreadable counts as "not a key". */
async function looksLikeKey(file: File): Promise<boolean> {
  if (file.size > PEEK_LIMIT) return false;
  try {
    const document = JSON.parse(await file.text()) as { format?: unknown } | null;
    return document?.format === KEY_FORMAT;
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
