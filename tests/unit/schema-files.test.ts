import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas, serialiseSchema } from '../../scripts/json-schemas.ts';

describe('checked-in JSON Schemas', () => {
  it.each(Object.entries(buildJsonSchemas()))(
    'exercises/schema/%s is up to date (run `npm run schema`)',
    (file, schema) => {
      expect(readFileSync(`exercises/schema/${file}`, 'utf8')).toBe(serialiseSchema(schema));
    },
  );
});
