/**
 * Validates a document against one of the checked-in JSON Schemas
 * (exercises/schema/*.schema.json) with Ajv's JSON Schema 2020-12 validator, the
 * way another tool reading Assay's files would. Returns the errors as
 * "path message" lines (empty when valid).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export function jsonSchemaErrors(schema: Record<string, unknown>, document: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
