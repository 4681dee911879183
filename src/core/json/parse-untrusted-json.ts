import { AssayError } from '../errors.ts';
import { formatJsonPath } from './path.ts';
import { locateJsonError } from './locate-json-error.ts';

export interface UntrustedJsonLimits {
  /** Refuse input longer than this many UTF-16 code units. */
  maxLength?: number;
  /** Refuse arrays and objects nested deeper than this. */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 64;

/**
 * Parses JSON that came from outside (a file, a URL, a paste). Refuses, with a
 * code and a position, text that is not JSON, nesting deeper than `maxDepth`
 * (checked before parsing, so hostile input cannot exhaust the stack) and
 * `__proto__` keys (harmless to JSON.parse, dangerous to any later merge).
 */
export function parseUntrustedJson(text: string, limits: UntrustedJsonLimits = {}): unknown {
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (limits.maxLength !== undefined && text.length > limits.maxLength) {
    throw new AssayError(
      'FILE_TOO_LARGE',
      `The file is too large (${text.length.toLocaleString('en')} characters; the limit is ${limits.maxLength.toLocaleString('en')}).`,
    );
  }
  checkDepth(text, maxDepth);
  let value: unknown;
  try {
    // A leading byte order mark is legal in files but not in JSON.parse.
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw notJson(text, error);
  }
  const forbidden = findForbiddenKey(value, []);
  if (forbidden) {
    const path = formatJsonPath(forbidden);
    throw new AssayError('FORBIDDEN_KEY', `The key "__proto__" is not allowed (at ${path}).`, [
      { path, message: 'the key "__proto__" is not allowed' },
    ]);
  }
  return value;
}

function checkDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > maxDepth) {
        const { line, column } = lineColumn(text, i);
        throw new AssayError(
          'TOO_DEEP',
          `The JSON is nested more than ${maxDepth} levels deep (line ${line}, column ${column}).`,
        );
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

function notJson(text: string, error: unknown): AssayError {
  if (text.trim() === '') return new AssayError('NOT_JSON', 'The file is empty: it must contain JSON.');
  const located = locateJsonError(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (located) {
    const { line, column } = lineColumn(text, located.index);
    const found =
      located.index < text.length ? ` but found ${JSON.stringify(text.slice(located.index, located.index + 12))}` : '';
    return new AssayError(
      'NOT_JSON',
      `The file is not valid JSON: at line ${line}, column ${column} expected ${located.expected}${found}.`,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new AssayError('NOT_JSON', `The file is not valid JSON: ${detail}`);
}

function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

function findForbiddenKey(value: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return [...path, key];
    const found = findForbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return null;
}
