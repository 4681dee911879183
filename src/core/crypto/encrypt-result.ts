import { compactDecrypt, CompactEncrypt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { AssayError } from '../errors.ts';
import { thumbprint } from './attempt-key.ts';

/** True for text that looks like a compact JWE (five base64url parts). */
export function isCompactJwe(text: string): boolean {
  return /^[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/.test(text.trim());
}

/**
 * Encrypts the signed result file (its exact bytes) to the hiring team's public
 * key: JWE compact, ECDH-ES key agreement, A256GCM. Only the team's private key
 * can read it; the signature inside is checked after decryption.
 */
export async function encryptResultFile(fileText: string, recipient: JWK): Promise<string> {
  const key = await importJWK({ kty: recipient.kty, crv: recipient.crv, x: recipient.x, y: recipient.y }, 'ECDH-ES');
  return new CompactEncrypt(new Uint8Array(new TextEncoder().encode(fileText)))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', cty: 'application/json', kid: await thumbprint(recipient) })
    .encrypt(key);
}

export interface DecryptionKey {
  kid: string;
  privateKey: CryptoKey;
}

/** Decrypts an encrypted result with whichever team key it names. */
export async function decryptResultFile(jwe: string, keys: readonly DecryptionKey[]): Promise<string> {
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(jwe.trim()).kid;
  } catch {
    throw new AssayError('NOT_JSON', 'The encrypted file cannot be read: it is damaged or cut short.');
  }
  const ordered = [...keys.filter((k) => k.kid === kid), ...keys.filter((k) => k.kid !== kid)];
  if (ordered.length === 0)
    throw new AssayError(
      'SCHEMA_INVALID',
      'This result is encrypted: give the team key (backup and passphrase) to read it.',
    );
  for (const key of ordered) {
    try {
      const { plaintext } = await compactDecrypt(jwe.trim(), key.privateKey, {
        keyManagementAlgorithms: ['ECDH-ES'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      return new TextDecoder().decode(plaintext);
    } catch {
      // next key
    }
  }
  throw new AssayError(
    'SCHEMA_INVALID',
    'This result is encrypted to a key you did not give (or it was altered): it cannot be decrypted.',
  );
}
