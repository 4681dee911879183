import * as z from 'zod/mini';
import type { EventType } from '../attempt/events.ts';

const str = z.optional(z.string().check(z.maxLength(200)));
const count = z.optional(z.int({ error: 'must be a whole number' }).check(z.gte(0)));

/**
 * What each event type's `data` holds, as the app writes it (attempt-run.ts and
 * attempt-session.svelte.ts). validateResult checks it after the result schema, so
 * a wrong type inside is reported by its field (`$.events[3].data.length`) instead
 * of surfacing only as a signature that does not match. Every field is optional (a
 * reader copes with a missing one) but typed, and no other field is allowed. It
 * lives beside the result schema rather than in attempt/events.ts because only
 * reading a result needs it: it loads with the exercise and workspace screens, not
 * with the first screen.
 */
export const EVENT_DATA_SCHEMAS = {
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
  // Written by app versions that tell a quote of the task's own text from an outside paste.
  'critique.quote': z.strictObject({
    taskId: str,
    outputId: str,
    length: count,
    from: z.optional(z.enum(['response', 'prompt', 'context'])),
    fromOutputId: str,
  }),
} satisfies Record<string, z.ZodMiniType>;

// Every event type has its schema (a type error here names the one missing).
const complete: Record<EventType, z.ZodMiniType> = EVENT_DATA_SCHEMAS;
void complete;

/** The schema of an event type's data; an unknown type has none (the event schema refuses it first). */
export function eventDataSchema(type: string): z.ZodMiniType | undefined {
  return (EVENT_DATA_SCHEMAS as Record<string, z.ZodMiniType>)[type];
}
