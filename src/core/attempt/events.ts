import * as z from 'zod/mini';

/**
 * What the event log records. Timing and paste events are signals that suggest a
 * review to the hiring team, never proof of anything (DESIGN.md, "Timing and integrity").
 */
export const EVENT_TYPES = [
  'attempt.start',
  'attempt.resume',
  'task.open',
  'task.leave',
  'focus.lost',
  'focus.regained',
  'critique.paste',
  'ranking.change',
  'deadline.warning',
  'deadline.reached',
  'attempt.submit',
  'result.export',
  'tab.takeover',
  'key.created',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const EventDataSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
);

export type EventData = z.output<typeof EventDataSchema>;

export const EventSchema = z.strictObject({
  seq: z.int().check(z.gte(0)),
  type: z.enum(EVENT_TYPES),
  /** Milliseconds since the attempt started, on a clock that never goes back. */
  tMono: z.int().check(z.gte(0)),
  /** Wall-clock time as the candidate's computer told it (ISO 8601). */
  tWall: z.iso.datetime(),
  data: EventDataSchema,
  /** SHA-256 of the previous entry's RFC 8785 bytes (the chain's anchor for the first). */
  prev: z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex digits' })),
});

export type AttemptEvent = z.output<typeof EventSchema>;

const str = z.optional(z.string().check(z.maxLength(200)));
const count = z.optional(z.int({ error: 'must be a whole number' }).check(z.gte(0)));

/**
 * What each event type's `data` holds, as the app writes it (attempt-run.ts and
 * attempt-session.svelte.ts). Checked after the schema above, so that a wrong type
 * inside is reported by its field (`$.events[3].data.length`) instead of surfacing
 * only as a signature that does not match. Every field is optional (a reader copes
 * with a missing one) but typed, and no other field is allowed.
 */
export const EVENT_DATA_SCHEMAS: Readonly<Record<EventType, z.ZodMiniType>> = {
  'attempt.start': z.strictObject({
    bundleId: str,
    timeLimitMinutes: z.optional(z.number().check(z.gt(0))),
    extraTimePercent: z.optional(z.nullable(z.number().check(z.gte(0)))),
    keyId: str,
    invited: z.optional(z.boolean()),
  }),
  'attempt.resume': z.strictObject({ taskIndex: count }),
  'task.open': z.strictObject({ taskId: str }),
  'task.leave': z.strictObject({ taskId: str }),
  'focus.lost': z.strictObject({}),
  'focus.regained': z.strictObject({}),
  'critique.paste': z.strictObject({ taskId: str, outputId: str, length: count }),
  'ranking.change': z.strictObject({ taskId: str, ranking: z.optional(z.array(z.string().check(z.maxLength(200)))) }),
  'deadline.warning': z.strictObject({ minutesLeft: z.optional(z.number().check(z.gte(0))) }),
  'deadline.reached': z.strictObject({ policy: z.optional(z.enum(['soft', 'hard'])) }),
  'attempt.submit': z.strictObject({ auto: z.optional(z.boolean()), missing: count }),
  'result.export': z.strictObject({ status: z.optional(z.enum(['draft', 'submitted'])) }),
  'tab.takeover': z.strictObject({}),
  'key.created': z.strictObject({ keyId: str, reason: z.optional(z.string().check(z.maxLength(500))) }),
};
