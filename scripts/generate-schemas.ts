import { writeFile, mkdir } from 'node:fs/promises';
import { buildJsonSchemas, serialiseSchema } from './json-schemas.ts';

const dir = new URL('../exercises/schema/', import.meta.url);
await mkdir(dir, { recursive: true });
for (const [file, schema] of Object.entries(buildJsonSchemas())) {
  await writeFile(new URL(file, dir), serialiseSchema(schema));
  console.log(`wrote exercises/schema/${file}`);
}
