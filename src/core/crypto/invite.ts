import { SignJWT, type JWK } from 'jose';
import { base64urlDecode } from './base64url.ts';
import { webCryptoProvider, type CryptoProvider } from './provider.ts';
import { AssayError } from '../errors.ts';
import { randomId } from '../random-id.ts';

/**
 * Invites: a compact JWS (`typ: "invite+jwt"`, ES256) signed by the hiring team's
 * key, carried in the exercise link. The result embeds it, so a result binds to an
 * invited person, a bundle and a time window.
 */
export interface TeamSigningKey {
  privateKey: CryptoKey;
  kid: string;
}

export interface InviteInput {
  sub: string;
  name?: string;
  email?: string;
  bundle: string;
  /** Seconds since the epoch. */
  nbf: number;
  exp: number;
  dur: number;
  rcpt?: JWK;
}

export async function mintInvite(key: TeamSigningKey, input: InviteInput): Promise<string> {
  const { sub, nbf, exp, ...claims } = input;
  if (exp <= nbf) throw new AssayError('SCHEMA_INVALID', 'An invite must expire after it becomes valid.');
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'invite+jwt', kid: key.kid })
    .setJti(randomId())
    .setSubject(sub)
    .setNotBefore(nbf)
    .setExpirationTime(exp)
    .setIssuedAt()
    .sign(key.privateKey);
}

export interface TeamPublicKey {
  kid: string;
  jwk: JWK;
}

/**
 * Checks an invite's signature against the team's public signing keys (by `kid`,
 * else each key in turn): a compact JWS (RFC 7515 §5.2), `typ: "invite+jwt"`,
 * ES256. The validity window is not checked here: a verifier compares it with the
 * attempt's times, not with today.
 */
export async function verifyInviteSignature(
  token: string,
  keys: readonly TeamPublicKey[],
  provider: CryptoProvider = webCryptoProvider,
): Promise<{ ok: boolean; kid: string | null; message: string }> {
  const parts = token.split('.');
  let header: { alg?: unknown; typ?: unknown; kid?: unknown; crit?: unknown };
  let signature: Uint8Array;
  try {
    if (parts.length !== 3) throw new Error('not a compact JWS');
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(base64urlDecode(parts[0] as string)),
    ) as typeof header;
    signature = base64urlDecode(parts[2] as string);
  } catch {
    return { ok: false, kid: null, message: 'The invite cannot be read.' };
  }
  const kid = typeof header.kid === 'string' ? header.kid : null;
  if (header.alg !== 'ES256' || header.typ !== 'invite+jwt' || header.crit !== undefined)
    return { ok: false, kid, message: 'The invite is not an ES256 invite token.' };
  const input = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  const candidates = kid ? [...keys.filter((k) => k.kid === kid), ...keys.filter((k) => k.kid !== kid)] : [...keys];
  for (const key of candidates) {
    const { x, y } = key.jwk;
    if (typeof x === 'string' && typeof y === 'string' && (await provider.verifyEs256({ x, y }, input, signature)))
      return { ok: true, kid: key.kid, message: 'The invite was signed by your team key.' };
  }
  return {
    ok: false,
    kid,
    message:
      keys.length === 0
        ? 'No team key was given to check the invite against.'
        : 'The invite was not signed by any of your team keys: it is forged or from another team.',
  };
}
