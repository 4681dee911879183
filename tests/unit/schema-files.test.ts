import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas, serialiseSchema } from '../../scripts/json-schemas.ts';
import { jsonSchemaErrors } from '../helpers/json-schema.ts';

describe('checked-in JSON Schemas', () => {
  it.each(Object.entries(buildJsonSchemas()))(
    'exercises/schema/%s is up to date (run `npm run schema`)',
    (file, schema) => {
      expect(readFileSync(`exercises/schema/${file}`, 'utf8')).toBe(serialiseSchema(schema));
    },
  );
});

describe('the result JSON Schema', () => {
  const schema = JSON.parse(readFileSync('exercises/schema/result.schema.json', 'utf8')) as Record<string, unknown>;
  const valid = JSON.parse(readFileSync('tests/fixtures/results/valid.json', 'utf8'));

  it('accepts the golden result and refuses a category listed twice, as validateResult does', () => {
    expect(jsonSchemaErrors(schema, valid)).toEqual([]);
    const twice = structuredClone(valid);
    const output = twice.tasks[0].outputs[0];
    output.categories = ['tone', 'tone'];
    expect(jsonSchemaErrors(schema, twice).join('\n')).toMatch(
      /\/tasks\/0\/outputs\/0\/categories must NOT have duplicate items/,
    );
  });
});
