/**
 * A picked or dropped file that may be one of several kinds (the workspace's setup
 * files), told apart by its `format`: the hiring team's pages only, so it is kept
 * apart from lib/read-file.ts, which the candidate's first screen loads.
 */
import { readAssayFile, type FileKind } from '../core/index.ts';
import { readFileBytes } from './read-file.ts';

export async function readAnyJsonFile(
  file: Blob,
  kinds: readonly FileKind[],
): Promise<ReturnType<typeof readAssayFile>> {
  return readAssayFile(await readFileBytes(file, kinds), kinds);
}
