import * as z from 'zod/mini';
import { IdSchema } from '../bundle/schema.ts';

export const KEY_FORMAT = 'assay.key/1';

export const KnownIssueSchema = z.strictObject({
  id: IdSchema,
  outputId: IdSchema,
  /** A category id from the bundle's taxonomy. */
  category: IdSchema,
  /** A severity id from the bundle's scale. */
  severity: IdSchema,
  description: z.string().check(z.minLength(1), z.maxLength(5000)),
  /** The faulty text, quoted exactly from the output. */
  quote: z.optional(z.string().check(z.minLength(1), z.maxLength(5000))),
  /** Words a critique that found this issue is likely to use. */
  keywords: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(30))),
});

export const TaskKeySchema = z.strictObject({
  taskId: IdSchema,
  /** Best to worst as tiers; outputs in one tier are tied: `[["b"], ["a","d"], ["c"]]`. */
  goldRanking: z.array(z.array(IdSchema).check(z.minLength(1))).check(z.minLength(1)),
  issues: z.array(KnownIssueSchema),
  /** Markdown reference critique per output id. */
  referenceCritiques: z._default(z.record(IdSchema, z.string().check(z.maxLength(50_000))), {}),
});

export const ConsistencyPairSchema = z.strictObject({
  taskA: IdSchema,
  taskB: IdSchema,
  /** Output id in task A → the output id in task B with the same content. */
  outputMap: z.record(IdSchema, IdSchema),
});

export const WeightsSchema = z.strictObject({
  ranking: z._default(z.number().check(z.gte(0)), 1),
  errorIdentification: z._default(z.number().check(z.gte(0)), 1),
  consistency: z._default(z.number().check(z.gte(0)), 0.5),
  critique: z._default(z.number().check(z.gte(0)), 1),
});

/** `assay.key/1`: the hiring team's private answer key for one bundle. */
export const KeySchema = z.strictObject({
  $schema: z.optional(z.string().check(z.maxLength(2000))),
  format: z.literal(KEY_FORMAT),
  bundle: z.strictObject({
    id: IdSchema,
    version: z.string().check(z.minLength(1)),
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex digits' })),
  }),
  tasks: z.array(TaskKeySchema).check(z.minLength(1)),
  consistencyPairs: z._default(z.array(ConsistencyPairSchema), []),
  weights: z.prefault(WeightsSchema, {}),
});

export type AnswerKey = z.output<typeof KeySchema>;
export type TaskKey = AnswerKey['tasks'][number];
export type KnownIssue = TaskKey['issues'][number];
export type ConsistencyPair = AnswerKey['consistencyPairs'][number];
