/**
 * Files named on the command line, read through the core's one boundary for
 * untrusted files, as the app reads picked files (src/lib/read-file.ts): the size
 * is checked before reading (stat), then the same decoding and parsing.
 */
import { readFile, stat } from 'node:fs/promises';
import { assertFileSize, readAssayFile, readUntrustedJson, type FileKind } from '../core/index.ts';

export async function readFileBytes(file: string, kinds: FileKind | readonly FileKind[]): Promise<Uint8Array> {
  assertFileSize((await stat(file)).size, kinds);
  const buffer = await readFile(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export async function readJsonFile(file: string, kind: FileKind): Promise<unknown> {
  return readUntrustedJson(await readFileBytes(file, kind), kind);
}

export async function readAnyJsonFile(
  file: string,
  kinds: readonly FileKind[],
): Promise<ReturnType<typeof readAssayFile>> {
  return readAssayFile(await readFileBytes(file, kinds), kinds);
}
