import { AssayError } from '../errors.ts';
import { canonicalSha256 } from '../hash.ts';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import { checkFormat, parseWithSchema } from '../validation.ts';
import { BUNDLE_FORMAT, BundleSchema, type Bundle } from './schema.ts';

/** Bundles over 5 MB are refused before they are read. */
export const MAX_BUNDLE_BYTES = 5 * 1024 * 1024;

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

/** Parses, validates and hashes a bundle file's text. */
export async function loadBundleText(text: string): Promise<LoadedBundle> {
  // A UTF-16 code unit is at least one UTF-8 byte, so this bounds the byte size too.
  if (text.length > MAX_BUNDLE_BYTES) throw tooLarge(text.length);
  const document = parseUntrustedJson(text);
  const bundle = validateBundle(document);
  return { bundle, document, hash: await bundleHash(document) };
}

/** Checks a byte count before reading: bundles over {@link MAX_BUNDLE_BYTES} are refused. */
export function assertBundleSize(bytes: number): void {
  if (bytes > MAX_BUNDLE_BYTES) throw tooLarge(bytes);
}

function tooLarge(bytes: number): AssayError {
  // Bytes, not rounded megabytes: a file just over the limit must not read "5.0 MB; the limit is 5.0 MB".
  const n = (x: number) => x.toLocaleString('en');
  return new AssayError(
    'FILE_TOO_LARGE',
    `This bundle is ${n(bytes)} bytes; bundles are limited to 5 MB (${n(MAX_BUNDLE_BYTES)} bytes).`,
  );
}
