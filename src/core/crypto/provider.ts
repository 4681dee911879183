import { sha256Hex } from '../hash.ts';

/**
 * The two primitives verification needs, injectable: WebCrypto by default (browsers
 * and Node alike), and the command line passes Node's native crypto, whose calls
 * cost a fraction of WebCrypto's in Node when a batch verifies thousands of files.
 */
export interface CryptoProvider {
  sha256Hex(bytes: Uint8Array): Promise<string> | string;
  /** ES256 (ECDSA P-256, SHA-256) over `data`, signature as R || S (RFC 7518 §3.4). */
  verifyEs256(key: { x: string; y: string }, data: Uint8Array, signature: Uint8Array): Promise<boolean> | boolean;
}

export const webCryptoProvider: CryptoProvider = {
  sha256Hex: (bytes) => sha256Hex(bytes),
  async verifyEs256(jwk, data, signature) {
    if (signature.length !== 64) return false;
    try {
      const key = await crypto.subtle.importKey(
        'jwk',
        { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['verify'],
      );
      return await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        signature as Uint8Array<ArrayBuffer>,
        data as Uint8Array<ArrayBuffer>,
      );
    } catch {
      return false;
    }
  },
};
