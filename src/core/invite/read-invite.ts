import * as z from 'zod/mini';
import { AssayError } from '../errors.ts';
import { PublicJwkSchema } from '../bundle/schema.ts';
import { describeIssues } from '../validation.ts';

/**
 * Invites: a compact JWS (`typ: "invite+jwt"`, ES256) signed by the hiring team's
 * key, carried in the exercise link. Reading one needs no cryptography (the
 * candidate's browser cannot check the team's signature; the team does on
 * return), so this module stays out of the crypto chunk the start screen skips.
 */
export const InviteClaimsSchema = z.looseObject({
  jti: z.string().check(z.minLength(8), z.maxLength(100)),
  /** The candidate: an email, a name or an opaque id. */
  sub: z.string().check(z.minLength(1), z.maxLength(320)),
  name: z.optional(z.string().check(z.maxLength(200))),
  email: z.optional(z.string().check(z.maxLength(320))),
  /** SHA-256 of the bundle the invite is for. */
  bundle: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  nbf: z.int(),
  exp: z.int(),
  iat: z.optional(z.int()),
  /** Minutes allowed, extra time included. */
  dur: z.number().check(z.gt(0), z.lte(24 * 60)),
  /** The team's public key to encrypt the result to. */
  rcpt: z.optional(PublicJwkSchema),
});

export type InviteClaims = z.output<typeof InviteClaimsSchema>;

function decodeSegment(segment: string | undefined): unknown {
  if (!segment || !/^[A-Za-z0-9_-]+$/.test(segment)) throw new Error('not base64url');
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
}

/**
 * Reads an invite's claims without checking its signature: the candidate's browser
 * does not hold the team's key; the hiring team checks the signature on return.
 */
export function readInvite(token: string): InviteClaims {
  let claims: unknown;
  try {
    const [headerPart, payloadPart, signaturePart, ...rest] = token.split('.');
    if (rest.length > 0 || !signaturePart) throw new Error('not a compact JWS');
    const header = decodeSegment(headerPart) as { typ?: unknown; alg?: unknown };
    if (header.typ !== 'invite+jwt' || header.alg !== 'ES256') throw new Error('not an invite');
    claims = decodeSegment(payloadPart);
  } catch {
    throw new AssayError(
      'SCHEMA_INVALID',
      'The invite in this link cannot be read: it may have been cut short when copied.',
    );
  }
  const parsed = InviteClaimsSchema.safeParse(claims, { reportInput: true });
  if (!parsed.success) {
    const first = describeIssues(parsed.error.issues)[0];
    throw new AssayError(
      'SCHEMA_INVALID',
      `The invite in this link is not valid: ${first?.path ?? '$'} ${first?.message ?? ''}.`,
    );
  }
  return parsed.data;
}

/** Whether `nowSeconds` falls in the invite's window, and a message with the dates when not. */
export function inviteWindow(claims: InviteClaims, nowSeconds: number): { ok: boolean; message: string } {
  const date = (s: number) => new Date(s * 1000).toUTCString();
  if (nowSeconds < claims.nbf)
    return { ok: false, message: `This invite is valid from ${date(claims.nbf)}; it is not open yet.` };
  if (nowSeconds > claims.exp) return { ok: false, message: `This invite expired on ${date(claims.exp)}.` };
  return { ok: true, message: `Valid from ${date(claims.nbf)} until ${date(claims.exp)}.` };
}
