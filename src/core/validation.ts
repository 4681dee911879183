import type * as z from 'zod/mini';
import { AssayError, type ValidationIssue } from './errors.ts';
import { formatJsonPath } from './json/path.ts';

type ZodIssue = z.core.$ZodIssue;

/**
 * Turns zod issues into issues a person can act on, each with the JSON path of the
 * value at fault. zod/mini ships no locale (to stay small), so the wording is ours.
 */
export function describeIssues(issues: readonly ZodIssue[]): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: formatJsonPath([...issue.path, key]), message: `unknown field "${key}"` });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the option that got furthest: the one with the fewest issues.
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      out.push(...describeIssues(best.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }))));
      continue;
    }
    out.push({ path: formatJsonPath(issue.path), message: describeIssue(issue) });
  }
  return out;
}

function describeIssue(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // A schema's own wording ("must be a whole number") when it gives one.
      if (issue.input !== undefined && issue.message?.startsWith('must '))
        return `${issue.message}, found ${typeName(issue.input)}`;
      return issue.input === undefined
        ? `is required (${article(issue.expected)})`
        : `expected ${article(issue.expected)}, found ${typeName(issue.input)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${issue.minimum} character${issue.minimum === 1 ? '' : 's'} long`
        : issue.origin === 'array'
          ? `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
          : `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters long`
        : issue.origin === 'array'
          ? `must have at most ${issue.maximum} items`
          : `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.message && issue.message !== 'Invalid input' ? issue.message : `is not a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message || 'is not valid';
  }
}

function article(expected: string): string {
  const noun = expected === 'int' ? 'whole number' : expected;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isInteger(value)) return `the number ${value}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Parses `value` with `schema` or throws SCHEMA_INVALID listing every issue.
 * `what` names the document in the message ("bundle", "result").
 */
export function parseWithSchema<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const fast = schema.safeParse(value);
  if (fast.success) return fast.data;
  // Parse again keeping the input in each issue: it tells a missing value from a wrong one.
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = describeIssues(parsed.error.issues);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new AssayError(
    'SCHEMA_INVALID',
    `This ${what} is not valid: ${first ? `${first.path} ${first.message}` : 'unknown problem'}${more}.`,
    issues,
  );
}

/** The `format` families of Assay's files, for naming a file of another kind. */
const ASSAY_FAMILIES: Readonly<Record<string, string>> = {
  'assay.bundle': 'bundle',
  'assay.key': 'answer key',
  'assay.result': 'result file',
  'assay.reviews': 'reviews file',
  'assay.team-key': 'team key file',
  'assay.team-key-backup': 'team key backup',
  'assay.workspace': 'workspace backup',
};

/**
 * Reads the `format` field before anything else, so that a file of another kind or
 * of a newer version is refused by name instead of with a list of schema errors.
 */
export function checkFormat(value: unknown, expected: string, noun: string): void {
  const family = expected.slice(0, expected.lastIndexOf('/'));
  const what = `an Assay ${noun}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AssayError('SCHEMA_INVALID', `This is not ${what}: expected a JSON object.`, [
      { path: '$', message: `expected an object, found ${typeName(value)}` },
    ]);
  }
  const format = (value as { format?: unknown }).format;
  if (format === expected) return;
  if (typeof format !== 'string') {
    throw new AssayError('UNKNOWN_FORMAT', `This is not ${what}: it has no "format" field (expected "${expected}").`, [
      { path: '$.format', message: `required; must be "${expected}"` },
    ]);
  }
  const slash = format.lastIndexOf('/');
  const version = slash >= 0 ? format.slice(slash + 1) : '';
  const other = slash >= 0 ? ASSAY_FAMILIES[format.slice(0, slash)] : undefined;
  // Name what the file is, and its version, rather than only what it is not.
  const message = format.startsWith(`${family}/`)
    ? `This ${noun} uses format "${format}" (version ${version}), which this version of Assay cannot read (it reads "${expected}"). Use a newer Assay, or ask the author for a "${expected}" file.`
    : other
      ? `This is an Assay ${other} (format "${format}", version ${version}), not ${what} (expected "${expected}").`
      : `This is not ${what}: its format is "${format}" (expected "${expected}").`;
  throw new AssayError('UNKNOWN_FORMAT', message, [{ path: '$.format', message: `"${format}" is not "${expected}"` }]);
}
