import { AssayError } from '../errors.ts';
import { formatJsonPath } from './path.ts';
import { locateJsonError } from './locate-json-error.ts';
import { checkDuplicateKeys } from './duplicate-keys.ts';
import { stripByteOrderMark } from '../file/decode-text.ts';

export interface UntrustedJsonLimits {
  /** Refuse input longer than this many UTF-16 code units. */
  maxLength?: number;
  /** Refuse arrays and objects nested deeper than this. */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 64;

/**
 * Parses JSON that came from outside (a file, a URL, a paste). Refuses, with a
 * code and a position or path, text that is not JSON, nesting deeper than
 * `maxDepth` (so later recursive code never meets hostile depth), `__proto__`
 * keys (harmless to JSON.parse, dangerous to any later merge) and a key named twice
 * in one object (DUPLICATE_KEY, see duplicate-keys.ts). Files are read through
 * file/untrusted-file.ts, which decodes their bytes first; text given here directly
 * may start with one byte order mark.
 */
export function parseUntrustedJson(input: string, limits: UntrustedJsonLimits = {}): unknown {
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (limits.maxLength !== undefined && input.length > limits.maxLength) {
    throw new AssayError(
      'FILE_TOO_LARGE',
      `The file is too large (${input.length.toLocaleString('en')} characters; the limit is ${limits.maxLength.toLocaleString('en')}).`,
    );
  }
  // A leading byte order mark is legal in files but not in JSON.parse; a second one is refused.
  const text = stripByteOrderMark(input);
  let value: unknown;
  try {
    // V8's JSON.parse is iterative, so hostile nesting cannot exhaust the stack here;
    // depth is checked on the parsed value below, without recursion.
    value = JSON.parse(text);
  } catch (error) {
    throw notJson(text, error);
  }
  checkValue(value, maxDepth);
  checkDuplicateKeys(text);
  return value;
}

function notJson(text: string, error: unknown): AssayError {
  if (text.trim() === '') return new AssayError('NOT_JSON', 'The file is empty: it must contain JSON.');
  let located: ReturnType<typeof locateJsonError> = null;
  try {
    located = locateJsonError(text);
  } catch {
    // Broken and absurdly deep: the engine's own message will have to do.
  }
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

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: PropertyKey;
}

function pathOf(frame: Frame): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let f: Frame | null = frame; f && f.parent; f = f.parent) path.unshift(f.key);
  return path;
}

/** One iterative walk: nesting deeper than `maxDepth`, and `__proto__` keys, with their path. */
function checkValue(root: unknown, maxDepth: number): void {
  const stack: Frame[] = [{ value: root, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { value } = frame;
    if (value === null || typeof value !== 'object') continue;
    const depth = frame.depth + 1;
    if (depth > maxDepth) {
      const path = formatJsonPath(pathOf(frame));
      throw new AssayError('TOO_DEEP', `The JSON is nested more than ${maxDepth} levels deep (at ${path}).`, [
        { path, message: `nested more than ${maxDepth} levels deep` },
      ]);
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object') stack.push({ value: item, depth, parent: frame, key: i });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key === '__proto__') {
        const path = formatJsonPath([...pathOf(frame), key]);
        throw new AssayError('FORBIDDEN_KEY', `The key "__proto__" is not allowed (at ${path}).`, [
          { path, message: 'the key "__proto__" is not allowed' },
        ]);
      }
      const item = (value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') stack.push({ value: item, depth, parent: frame, key });
    }
  }
}
