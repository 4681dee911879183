import * as z from 'zod/mini';
import { BundleSchema, KeySchema, ResultSchema, TeamKeyBackupSchema, TeamKeyFileSchema } from '../src/core/index.ts';

/**
 * JSON Schemas generated from the zod schemas, for editor completion and other
 * tools. Checked in under exercises/schema/; a test fails when they are stale
 * (regenerate with `npm run schema`).
 */
/**
 * Arrays the result schema refuses repeats in (a refinement, which JSON Schema cannot
 * carry over by itself): said as `uniqueItems` here, in the generator, rather than as
 * metadata on the zod schemas, which would pull zod's registry into the candidate's
 * first screen.
 */
const UNIQUE_ARRAYS = new Set(['categories', 'shownOrder', 'ranking']);

function uniqueSets(ctx: { jsonSchema: Record<string, unknown>; path: (string | number)[] }): void {
  const name = ctx.path.filter((p) => typeof p === 'string' && p !== 'anyOf').at(-1);
  if (ctx.jsonSchema.type === 'array' && typeof name === 'string' && UNIQUE_ARRAYS.has(name))
    ctx.jsonSchema.uniqueItems = true;
}

export function buildJsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodMiniType, file: string, title: string, description: string, io: 'input' | 'output') => ({
    $id: `https://assay.invalid/schema/${file}`,
    title,
    description,
    ...z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', override: uniqueSets }),
  });
  return {
    'bundle.schema.json': make(
      BundleSchema,
      'bundle.schema.json',
      'Assay exercise bundle (assay.bundle/1)',
      'Candidate-facing exercise: tasks, each a prompt and 2–10 model outputs to rank and critique. Never contains answers.',
      'input',
    ),
    'key.schema.json': make(
      KeySchema,
      'key.schema.json',
      'Assay answer key (assay.key/1)',
      "The hiring team's private answer key for one bundle: gold rankings, known issues, reference critiques. Never publish it.",
      'input',
    ),
    'result.schema.json': make(
      ResultSchema,
      'result.schema.json',
      'Assay result (assay.result/1)',
      'What a candidate exports. `signature`, when present, is a detached JWS over the RFC 8785 canonical bytes of the object without `signature`.',
      'output',
    ),
    'team-key.schema.json': make(
      TeamKeyFileSchema,
      'team-key.schema.json',
      'Assay team public key (assay.team-key/1)',
      "The hiring team's public keys: one signs invites (ES256), one results are encrypted to (ECDH-ES). Safe to share.",
      'input',
    ),
    'team-key-backup.schema.json': make(
      TeamKeyBackupSchema,
      'team-key-backup.schema.json',
      'Assay team key backup (assay.team-key-backup/1)',
      'The team private keys, encrypted with a passphrase (JWE, PBES2-HS512+A256KW, 600,000 iterations). Keep it safe.',
      'input',
    ),
  };
}

export function serialiseSchema(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
