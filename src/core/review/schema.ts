import * as z from 'zod/mini';
import { IdSchema } from '../bundle/schema.ts';

export const REVIEWS_FORMAT = 'assay.reviews/1';

export const RubricCriterionSchema = z.strictObject({
  id: IdSchema,
  label: z.string().check(z.minLength(1), z.maxLength(80)),
  description: z._default(z.string().check(z.maxLength(500)), ''),
});

/** The default rubric: each critique graded 1–4 on each criterion. */
export const DEFAULT_RUBRIC = [
  { id: 'specific', label: 'Specific', description: 'Points at the exact text or step at fault, quoting it.' },
  { id: 'correct', label: 'Correct', description: 'What it says is wrong is wrong, and nothing it praises is.' },
  { id: 'actionable', label: 'Actionable', description: 'Says why it matters and how to fix it.' },
] as const;

export const GRADE_MIN = 1;
export const GRADE_MAX = 4;

export const GradeSchema = z.strictObject({
  attemptId: z.string().check(z.minLength(8), z.maxLength(64)),
  taskId: IdSchema,
  outputId: IdSchema,
  /** Criterion id → 1..4. */
  scores: z.record(IdSchema, z.int().check(z.gte(GRADE_MIN), z.lte(GRADE_MAX))),
  note: z.optional(z.string().check(z.maxLength(2000))),
  gradedAt: z.iso.datetime(),
});

/** `assay.reviews/1`: one reviewer's grades of the critiques, exported so reviewers can work apart. */
export const ReviewsSchema = z.strictObject({
  format: z.literal(REVIEWS_FORMAT),
  reviewer: z.strictObject({
    id: z.string().check(z.minLength(8), z.maxLength(64)),
    name: z.string().check(z.minLength(1), z.maxLength(200)),
  }),
  /** The bundle whose critiques these are. */
  bundleSha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  rubric: z.array(RubricCriterionSchema).check(z.minLength(1), z.maxLength(10)),
  grades: z.array(GradeSchema).check(z.maxLength(100_000)),
  exportedAt: z.iso.datetime(),
});

export type Reviews = z.output<typeof ReviewsSchema>;
export type Grade = z.output<typeof GradeSchema>;
export type RubricCriterion = z.output<typeof RubricCriterionSchema>;
