import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlEncode } from './base64url.ts';

/** An attempt's signing key: the private half never leaves WebCrypto. */
export interface AttemptKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** RFC 7638 thumbprint of the public key (SHA-256, base64url). */
  kid: string;
}

/**
 * Makes an ES256 (P-256) key pair for one attempt. The private key is not
 * extractable: it can sign in this browser and nowhere else.
 */
export async function createAttemptKey(): Promise<AttemptKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: false });
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, publicJwk: publicOnly(publicJwk), kid: await thumbprint(publicJwk) };
}

/**
 * RFC 7638 JWK thumbprint: SHA-256 over the JSON of the required members of an EC
 * key in lexicographic order with no white space (§3.2), base64url. Synchronous
 * SHA-256, as it runs once per result verified.
 */
export function thumbprint(jwk: JWK): Promise<string> {
  if (jwk.kty !== 'EC' || typeof jwk.crv !== 'string' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string')
    return Promise.reject(new TypeError('an EC public key (crv, x, y) is needed'));
  const json = JSON.stringify({ crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y });
  return Promise.resolve(base64urlEncode(sha256(new TextEncoder().encode(json))));
}

/** The public members of an EC key: what may be published and embedded. */
export function publicOnly(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } as JWK;
}
