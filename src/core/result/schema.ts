import * as z from 'zod/mini';
import { uniqueBy } from '../unique.ts';
import { IdSchema } from '../bundle/schema.ts';
import { CandidateSchema } from '../attempt/record.ts';
import { EventSchema } from '../attempt/events.ts';

export const RESULT_FORMAT = 'assay.result/1';

/**
 * A set written as an array: each value once. The scorer reads sets anyway, but a file
 * that repeats a value is not one the app wrote, so it is refused where it is read,
 * with the path of the repeat.
 */
function uniqueValues(what: string) {
  return uniqueBy<string>(null, (value, first) => `lists ${what} "${value}" twice (already at index ${first})`);
}

const sha256 = z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex digits' }));
const ms = z.int().check(z.gte(0));

export const OutputAnswerSchema = z.strictObject({
  outputId: IdSchema,
  /** "A", "B", … as shown to the candidate. */
  label: z.string().check(z.regex(/^[A-Z]$/)),
  critique: z.string().check(z.maxLength(100_000)),
  categories: z.array(IdSchema).check(uniqueValues('the category')),
  severity: z.nullable(IdSchema),
  noIssues: z.boolean(),
});

export const TaskResultSchema = z.strictObject({
  taskId: IdSchema,
  /** Output ids in the order they were shown. */
  shownOrder: z.array(IdSchema).check(uniqueValues('the output')),
  /** Output ids best to worst; null when the candidate did not rank. */
  ranking: z.nullable(z.array(IdSchema).check(uniqueValues('the output'))),
  activeMs: ms,
  outputs: z.array(OutputAnswerSchema),
});

/**
 * `assay.result/1`: what the candidate exports. The `signature` member is a detached
 * JWS (RFC 7515 Appendix F, ES256) over the RFC 8785 canonical bytes of this object
 * *without* `signature`, made with the attempt's key, whose public half is in the
 * JWS protected header. The event log is a hash chain whose head is in `integrity`.
 */
export const ResultSchema = z.strictObject({
  format: z.literal(RESULT_FORMAT),
  status: z.enum(['draft', 'submitted']),
  app: z.strictObject({ name: z.literal('assay'), version: z.string().check(z.maxLength(40)) }),
  attemptId: z.string().check(z.minLength(8), z.maxLength(64)),
  bundle: z.strictObject({ id: IdSchema, version: z.string(), sha256 }),
  candidate: CandidateSchema,
  timing: z.strictObject({
    startedAt: z.iso.datetime(),
    submittedAt: z.nullable(z.iso.datetime()),
    exportedAt: z.iso.datetime(),
    /** Including any extra time. */
    timeLimitMinutes: z.number().check(z.gt(0)),
    timePolicy: z.enum(['soft', 'hard']),
    deadline: z.iso.datetime(),
    /** Time past the deadline at submission (or at export, for a draft). */
    overtimeMs: ms,
    autoSubmitted: z.boolean(),
    activeMsTotal: ms,
  }),
  tasks: z
    .array(TaskResultSchema)
    .check(
      uniqueBy<{ taskId: string }>(
        'taskId',
        (taskId, first) => `answers task "${taskId}" twice (already at index ${first})`,
      ),
    ),
  events: z.array(EventSchema),
  /** The invite token (compact JWS) the candidate opened, when invited. */
  invite: z.optional(z.string().check(z.maxLength(10_000))),
  integrity: z.strictObject({
    /** SHA-256 of the last event's canonical bytes: the head of the hash chain. */
    eventsHead: sha256,
    /** Where the signing key was kept; "memory" when the browser refused to store it. */
    keyStorage: z.enum(['indexeddb', 'memory']),
  }),
  /** Detached JWS (RFC 7515 Appendix F): `<protected>..<signature>`. */
  signature: z.optional(z.string().check(z.maxLength(10_000))),
});

export type Result = z.output<typeof ResultSchema>;
export type TaskResult = Result['tasks'][number];
