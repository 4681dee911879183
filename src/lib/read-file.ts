/**
 * A picked or dropped file, read through the core's one boundary for untrusted
 * files (src/core/file/untrusted-file.ts): its size is checked against the kind's
 * limit before a byte is read (File.size), then the bytes are decoded and parsed by
 * the same code the CLI runs, so both give the same verdict and the same message.
 */
import { assertFileSize, decodeUntrustedText, readUntrustedJson, type FileKind } from '../core/index.ts';

/** The file's bytes, refused before reading when larger than any of `kinds` may be. */
export async function readFileBytes(file: Blob, kinds: FileKind | readonly FileKind[]): Promise<Uint8Array> {
  assertFileSize(file.size, kinds);
  return new Uint8Array(await file.arrayBuffer());
}

/** A text file (a list of candidates, a backup read as text): size, then strict UTF-8. */
export async function readTextFile(file: Blob, kind: FileKind): Promise<string> {
  return decodeUntrustedText(await readFileBytes(file, kind), kind);
}

/** A JSON file of one kind: size, UTF-8, then the untrusted-JSON rules. */
export async function readJsonFile(file: Blob, kind: FileKind): Promise<unknown> {
  return readUntrustedJson(await readFileBytes(file, kind), kind);
}
