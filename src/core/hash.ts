import { canonicalBytes } from './json/canonical-json.ts';

/** Lower-case hex SHA-256 of a string's UTF-8 bytes, or of raw bytes (WebCrypto). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

/** SHA-256 of the RFC 8785 canonical bytes of a JSON value. */
export async function canonicalSha256(value: unknown): Promise<string> {
  return sha256Hex(canonicalBytes(value));
}

/**
 * Hex by hand, not @noble/hashes' bytesToHex: this module is on the candidate's first
 * screen (bundles are hashed as they open), and importing bytesToHex moves the whole
 * of @noble/hashes/utils into the entry chunk with it, 732 bytes of gzip measured
 * (2026-12-08, 100,861 → 101,593); noble's SHA-256 is only loaded for signing.
 */
function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
