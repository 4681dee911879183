import { CompactSign, type JWK } from 'jose';
import { base64urlDecode, jwsSigningInput } from './base64url.ts';
import { webCryptoProvider, type CryptoProvider } from './provider.ts';
import { AssayError } from '../errors.ts';
import { canonicalBytes } from '../json/canonical-json.ts';
import type { Result } from '../result/schema.ts';
import { thumbprint, type AttemptKey } from './attempt-key.ts';

/** What is signed: the result without its `signature` member. */
export function signedPayload(result: Result): Uint8Array {
  const { signature: _signature, ...unsigned } = result;
  return canonicalBytes(unsigned);
}

/**
 * Signs a result: a detached JWS (RFC 7515 Appendix F) over the RFC 8785 canonical
 * bytes of the result without `signature`, ES256, with the attempt's public key in
 * the protected header (`jwk`) and its RFC 7638 thumbprint as `kid`. Returns the
 * result with `signature` set to `<protected>..<signature>`.
 *
 * Throws NOT_CANONICAL when the result holds a value canonical JSON cannot carry
 * (a non-finite number, a lone surrogate), naming the path.
 */
export async function signResult(result: Result, key: AttemptKey): Promise<Result> {
  const payload = signedPayload(result);
  // A copy in this realm's Uint8Array: jose checks instanceof, and jsdom tests mix realms.
  const jws = await new CompactSign(new Uint8Array(payload))
    .setProtectedHeader({ alg: 'ES256', typ: 'assay-result+jws', jwk: key.publicJwk, kid: key.kid })
    .sign(key.privateKey);
  const [header, , signature] = jws.split('.');
  return { ...result, signature: `${header}..${signature}` };
}

export interface SignatureCheck {
  ok: boolean;
  /** The thumbprint of the key that signed, when the header could be read. */
  kid: string | null;
  message: string;
}

/**
 * Verifies a result's detached signature against the key embedded in its header.
 *
 * RFC 7515 §5.2, done directly with WebCrypto rather than through jose's general
 * verifier, because it runs for every file of a batch: the signing input is
 * ASCII(protected || "." || BASE64URL(payload)) with the payload re-created as the
 * canonical bytes of the result, and an ES256 signature is the 64-byte R || S that
 * WebCrypto's ECDSA takes as is (RFC 7518 §3.4). Signing uses jose; the tests check
 * that jose accepts what this accepts.
 */
export async function verifyResultSignature(
  result: Result,
  provider: CryptoProvider = webCryptoProvider,
): Promise<SignatureCheck> {
  const signature = result.signature;
  if (!signature) return { ok: false, kid: null, message: 'The file is not signed.' };
  const parts = signature.split('.');
  if (parts.length !== 3 || parts[1] !== '' || !parts[0] || !parts[2])
    return { ok: false, kid: null, message: 'The signature is not a detached JWS (header..signature).' };
  let header: { alg?: unknown; jwk?: JWK; kid?: unknown; crit?: unknown; b64?: unknown };
  let rawSignature: Uint8Array;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64urlDecode(parts[0]))) as typeof header;
    rawSignature = base64urlDecode(parts[2]);
  } catch {
    return { ok: false, kid: null, message: 'The signature header cannot be read.' };
  }
  const jwk = header.jwk;
  if (
    header.alg !== 'ES256' ||
    header.crit !== undefined ||
    header.b64 !== undefined ||
    !jwk ||
    jwk.kty !== 'EC' ||
    jwk.crv !== 'P-256' ||
    typeof jwk.x !== 'string' ||
    typeof jwk.y !== 'string' ||
    'd' in jwk
  )
    return { ok: false, kid: null, message: 'The signature does not use an ES256 public key in its header.' };
  const kid = await thumbprint(jwk);
  if (header.kid !== kid) return { ok: false, kid, message: 'The key id in the signature does not match its key.' };
  const input = jwsSigningInput(parts[0], signedPayload(result));
  const valid = await provider.verifyEs256({ x: jwk.x, y: jwk.y }, input, rawSignature);
  if (!valid)
    return {
      ok: false,
      kid,
      message: 'The signature does not match the contents: the file was changed after it was exported.',
    };
  return { ok: true, kid, message: 'The file is exactly as it was exported and signed.' };
}

export function assertSigned(result: Result): asserts result is Result & { signature: string } {
  if (!result.signature) throw new AssayError('SCHEMA_INVALID', 'The result is not signed.');
}
