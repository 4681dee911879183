/**
 * Base64url without padding (RFC 4648 §5), as JWS uses it (RFC 7515 §2). A table
 * loop, because a 50 KB result is encoded on every signature check and the
 * `btoa`-based encoders are several times slower; the native
 * `Uint8Array.prototype.toBase64` is used where the engine has it.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

type WithToBase64 = Uint8Array & { toBase64?: (options: { alphabet: string; omitPadding: boolean }) => string };

const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const latin1 = new TextDecoder('latin1');

export function base64urlEncode(bytes: Uint8Array): string {
  const native = (bytes as WithToBase64).toBase64;
  if (typeof native === 'function') return native.call(bytes, { alphabet: 'base64url', omitPadding: true });
  // Write the ASCII codes into one buffer and decode it once: no string building.
  const out = new Uint8Array(encodedLength(bytes.length));
  return latin1.decode(out.subarray(0, encodeInto(bytes, out, 0)));
}

/**
 * The JWS signing input `<protected>.<base64url(payload)>` (RFC 7515 §5.2) as the
 * ASCII bytes a signature covers, written straight into one buffer: no 70 KB
 * string to build and encode again for every result checked.
 */
export function jwsSigningInput(protectedPart: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(protectedPart.length + 1 + encodedLength(payload.length));
  for (let i = 0; i < protectedPart.length; i++) {
    const c = protectedPart.charCodeAt(i);
    if (c > 0x7f) throw new TypeError('not base64url');
    out[i] = c;
  }
  out[protectedPart.length] = 0x2e; // "."
  return out.subarray(0, encodeInto(payload, out, protectedPart.length + 1));
}

function encodedLength(n: number): number {
  return Math.ceil((n * 4) / 3);
}

/** Writes base64url (no padding) of `bytes` into `out` from `o`; returns the end offset. */
function encodeInto(bytes: Uint8Array, out: Uint8Array, o: number): number {
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = CODES[v >> 18] as number;
    out[o++] = CODES[(v >> 12) & 63] as number;
    out[o++] = CODES[(v >> 6) & 63] as number;
    out[o++] = CODES[v & 63] as number;
  }
  if (i < n) {
    const v = ((bytes[i] as number) << 16) | (i + 1 < n ? (bytes[i + 1] as number) << 8 : 0);
    out[o++] = CODES[v >> 18] as number;
    out[o++] = CODES[(v >> 12) & 63] as number;
    if (i + 1 < n) out[o++] = CODES[(v >> 6) & 63] as number;
  }
  return o;
}

export function base64urlDecode(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new TypeError('not base64url');
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
