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
