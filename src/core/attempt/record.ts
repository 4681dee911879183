import * as z from 'zod/mini';
import { IdSchema } from '../bundle/schema.ts';

/**
 * The attempt as stored in the candidate's browser. Answers live in `fields`
 * (see fields.ts); the event log is stored beside it, one row per event.
 */
export const CandidateSchema = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  email: z
    .string()
    .check(z.maxLength(320), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'must be an email address' })),
});

export type Candidate = z.output<typeof CandidateSchema>;

export const AttemptRecordSchema = z.object({
  id: z.string().check(z.minLength(8), z.maxLength(64)),
  bundleHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  bundleId: IdSchema,
  bundleVersion: z.string(),
  candidate: CandidateSchema,
  /** Wall-clock ms when the candidate confirmed the start screen. */
  startedAt: z.number(),
  /** Including any extra time. */
  timeLimitMinutes: z.number().check(z.gt(0)),
  timePolicy: z.enum(['soft', 'hard']),
  /** Output ids per task, in the order they are shown (labelled A, B, …). */
  shownOrder: z.record(z.string(), z.array(z.string())),
  status: z.enum(['in-progress', 'submitted']),
  submittedAt: z.nullable(z.number()),
  /** True when a hard deadline finished the attempt. */
  autoSubmitted: z.boolean(),
  fields: z.record(z.string(), z.object({ value: z.unknown(), rev: z.number() })),
  /** Next event sequence number and the last monotonic time used. */
  nextSeq: z.int().check(z.gte(0)),
  lastTMono: z.number().check(z.gte(0)),
  updatedAt: z.number(),
  /** The invite token from the link, when the candidate was invited. */
  inviteToken: z._default(z.nullable(z.string()), null),
  /** The invite's `jti`: an attempt belongs to one bundle and one invite. */
  inviteJti: z._default(z.nullable(z.string()), null),
  /** Where the attempt's signing key lives: IndexedDB, or only this page's memory. */
  keyStorage: z._default(z.enum(['indexeddb', 'memory']), 'indexeddb'),
});

export type AttemptRecord = z.output<typeof AttemptRecordSchema>;
