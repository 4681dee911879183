/**
 * Node's native crypto for verification in the command line: the same SHA-256 and
 * ES256 as WebCrypto, without its per-call overhead in Node (which, for a batch of
 * a thousand 50 KB files, cost more than everything else together). Public keys
 * are cached: invites of one team share one key.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { CryptoProvider } from '../core/index.ts';

const keys = new Map<string, KeyObject>();

export const nodeCryptoProvider: CryptoProvider = {
  sha256Hex: (bytes) => createHash('sha256').update(bytes).digest('hex'),
  verifyEs256({ x, y }, data, signature) {
    if (signature.length !== 64) return false;
    const id = `${x}.${y}`;
    let key = keys.get(id);
    try {
      if (!key) {
        key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
        if (keys.size > 10_000) keys.clear();
        keys.set(id, key);
      }
      return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      return false;
    }
  },
};
