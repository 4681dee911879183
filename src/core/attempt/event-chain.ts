import { canonicalBytes } from '../json/canonical-json.ts';
import { sha256HexSync } from '../crypto/sha256-sync.ts';
import type { AttemptEvent } from './events.ts';

/**
 * The event log is a hash chain: each entry's `prev` is the SHA-256 of the
 * previous entry's RFC 8785 canonical bytes. The first entry's `prev` anchors the
 * log to what the attempt answers: the SHA-256 of the invite token when there is
 * one, else the bundle's hash. The result signs the head (the hash of the last
 * entry), so removing, reordering or editing any entry breaks the chain.
 */
export function chainAnchor(bundleSha256: string, inviteToken?: string | null): string {
  return inviteToken ? sha256HexSync(inviteToken) : bundleSha256;
}

/** SHA-256 (hex) of an entry's canonical bytes: the next entry's `prev`. */
export function entryHash(event: AttemptEvent): string {
  return sha256HexSync(canonicalBytes(event));
}

/** The head of a log: the hash of its last entry, or the anchor for an empty log. */
export function chainHead(events: readonly AttemptEvent[], anchor: string): string {
  const last = events.at(-1);
  return last ? entryHash(last) : anchor;
}

export type ChainProblem =
  | { kind: 'seq'; index: number; expected: number; found: number }
  | { kind: 'prev'; index: number }
  | { kind: 'time'; index: number }
  | { kind: 'head'; expected: string; found: string };

/**
 * Recomputes the chain. Returns the first problem: a gap or repeat in `seq`, an
 * entry whose `prev` does not match, monotonic time going back, or a head that
 * does not match the one the result states.
 */
export function checkChain(events: readonly AttemptEvent[], anchor: string, head: string): ChainProblem | null {
  let prev = anchor;
  let lastMono = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as AttemptEvent;
    if (event.seq !== i) return { kind: 'seq', index: i, expected: i, found: event.seq };
    if (event.prev !== prev) return { kind: 'prev', index: i };
    if (event.tMono < lastMono) return { kind: 'time', index: i };
    lastMono = event.tMono;
    prev = entryHash(event);
  }
  if (prev !== head) return { kind: 'head', expected: prev, found: head };
  return null;
}
