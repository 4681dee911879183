import { canonicalSha256 } from '../hash.ts';
import { checkFormat, parseWithSchema } from '../validation.ts';
import { BUNDLE_FORMAT, BundleSchema, type Bundle } from './schema.ts';
import { MAX_BUNDLE_BYTES } from '../file/limits.ts';
import { assertFileSize, readUntrustedJson } from '../file/untrusted-file.ts';

export { MAX_BUNDLE_BYTES };

export interface LoadedBundle {
  /** The validated bundle, defaults filled in. */
  bundle: Bundle;
  /** The JSON value as the author wrote it: what is hashed and stored. */
  document: unknown;
  /** {@link bundleHash} of `document`. */
  hash: string;
}

/**
 * Validates a parsed JSON value as an `assay.bundle/1`. Throws UNKNOWN_FORMAT for
 * another kind or version of file and SCHEMA_INVALID with every issue and its path.
 */
export function validateBundle(document: unknown): Bundle {
  checkFormat(document, BUNDLE_FORMAT, 'bundle');
  return parseWithSchema(BundleSchema, document, 'bundle');
}

/**
 * The bundle's identity everywhere: SHA-256 (hex) over the RFC 8785 canonical bytes
 * of the document as written. Key order and white space do not change it.
 */
export function bundleHash(document: unknown): Promise<string> {
  return canonicalSha256(document);
}

/** Parses, validates and hashes a bundle file's bytes, read through the one boundary (size, UTF-8, JSON). */
export async function loadBundleBytes(bytes: Uint8Array): Promise<LoadedBundle> {
  const document = readUntrustedJson(bytes, 'bundle');
  const bundle = validateBundle(document);
  return { bundle, document, hash: await bundleHash(document) };
}

/** {@link loadBundleBytes} for text already in memory (an embedded bundle, a script): the same rules, on its UTF-8 bytes. */
export function loadBundleText(text: string): Promise<LoadedBundle> {
  return loadBundleBytes(new TextEncoder().encode(text));
}

/** Checks a byte count before reading: bundles over {@link MAX_BUNDLE_BYTES} are refused. */
export function assertBundleSize(bytes: number): void {
  assertFileSize(bytes, 'bundle');
}
