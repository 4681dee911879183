import * as z from 'zod/mini';
import { uniqueBy } from '../unique.ts';
import { DEFAULT_CRITIQUE_MIN_LENGTH, DEFAULT_SEVERITIES, DEFAULT_TAXONOMY } from './defaults.ts';

export const BUNDLE_FORMAT = 'assay.bundle/1';

/** Ids appear in file names, URLs and field keys: keep them plain. */
export const IdSchema = z.string().check(
  z.minLength(1),
  z.maxLength(64),
  z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    error: 'must start with a letter or digit and use only letters, digits, ".", "_" and "-"',
  }),
);

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const markdown = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** Reports a duplicate `id` in an array of objects at the exact path of the repeat. */
function uniqueIds<T extends { id: string }>(what: string) {
  return uniqueBy<T>('id', (id, first) => `duplicate ${what} id "${id}" (already used at index ${first})`);
}

export const CategorySchema = z.strictObject({
  id: IdSchema,
  label: text(80),
  description: z._default(z.string().check(z.maxLength(1000)), ''),
});

export const SeveritySchema = z.strictObject({
  id: IdSchema,
  label: text(40),
  description: z._default(z.string().check(z.maxLength(1000)), ''),
});

export const OutputSchema = z.strictObject({
  id: IdSchema,
  /** Markdown, as the model produced it. */
  content: markdown(500_000),
});

export const RequirementsSchema = z.strictObject({
  /** The candidate ranks the outputs best to worst. */
  ranking: z._default(z.boolean(), true),
  /** The candidate writes a critique of each output... */
  critique: z._default(z.boolean(), true),
  /** ...of at least this many characters. */
  critiqueMinLength: z._default(z.int().check(z.gte(0), z.lte(10_000)), DEFAULT_CRITIQUE_MIN_LENGTH),
  /** The candidate marks error categories on each output (or says it has none). */
  categories: z._default(z.boolean(), true),
});

export const TaskSchema = z.strictObject({
  id: IdSchema,
  title: text(200),
  /** Markdown: what the model was asked. */
  prompt: markdown(200_000),
  /** Markdown: material the model was given (a document, code, data). */
  context: z.optional(markdown(500_000)),
  outputs: z
    .array(OutputSchema)
    .check(z.minLength(2), z.maxLength(10), uniqueIds<z.output<typeof OutputSchema>>('output')),
  requirements: z.prefault(RequirementsSchema, {}),
});

/** A P-256 public key as a JWK (RFC 7517). A private key (`d`) is refused. */
export const PublicJwkSchema = z
  .looseObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, { error: 'must be 43 base64url characters' })),
    y: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, { error: 'must be 43 base64url characters' })),
  })
  .check(
    z.superRefine((jwk, ctx) => {
      if ('d' in jwk)
        ctx.addIssue({
          code: 'custom',
          message: 'this is a private key: publish only the public key (remove "d")',
          input: jwk,
          path: ['d'],
        });
    }),
  );

export const BundleSchema = z.strictObject({
  /** Optional link to the JSON Schema, for editor completion. */
  $schema: z.optional(z.string().check(z.maxLength(2000))),
  format: z.literal(BUNDLE_FORMAT),
  id: IdSchema,
  version: text(40),
  title: text(200),
  domain: text(100),
  issuer: z.optional(text(200)),
  /** Markdown shown before the start. */
  instructions: markdown(100_000),
  timeLimitMinutes: z.int().check(z.gte(1), z.lte(24 * 60)),
  /** `soft`: overtime allowed and recorded; `hard`: answers lock at the deadline. */
  timePolicy: z.enum(['soft', 'hard']),
  taxonomy: z._default(
    z
      .array(CategorySchema)
      .check(z.minLength(1), z.maxLength(40), uniqueIds<z.output<typeof CategorySchema>>('category')),
    () => DEFAULT_TAXONOMY.map((c) => ({ ...c })),
  ),
  /** Ordered from least to most severe. */
  severities: z._default(
    z
      .array(SeveritySchema)
      .check(z.minLength(1), z.maxLength(10), uniqueIds<z.output<typeof SeveritySchema>>('severity')),
    () => DEFAULT_SEVERITIES.map((s) => ({ ...s })),
  ),
  /** Show the outputs of each task in a per-attempt random order. */
  shuffleOutputs: z._default(z.boolean(), false),
  /** The hiring team's public key; results are encrypted to it. */
  recipientKey: z.optional(PublicJwkSchema),
  tasks: z.array(TaskSchema).check(z.minLength(1), z.maxLength(100), uniqueIds<z.output<typeof TaskSchema>>('task')),
});

export type Bundle = z.output<typeof BundleSchema>;
export type BundleInput = z.input<typeof BundleSchema>;
export type Task = Bundle['tasks'][number];
export type Output = Task['outputs'][number];
export type Category = Bundle['taxonomy'][number];
export type Severity = Bundle['severities'][number];
export type Requirements = Task['requirements'];
