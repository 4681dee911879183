import { describe, expect, it } from 'vitest';
import { AssayError, parseUntrustedJson } from '../../../src/core/index.ts';

function error(fn: () => unknown): AssayError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AssayError) return e;
    throw e;
  }
  throw new Error('expected an AssayError');
}

describe('parseUntrustedJson', () => {
  it('parses ordinary JSON, with or without a byte order mark', () => {
    expect(parseUntrustedJson('{"a":[1,2,{"b":null}]}')).toEqual({ a: [1, 2, { b: null }] });
    expect(parseUntrustedJson('\uFEFF{"a":1}')).toEqual({ a: 1 });
  });

  it.each([
    ['{"a": [1, 2,]}', 1, 13, 'no comma before "]"'],
    ['{"a": 1,\n "b": }', 2, 7, 'a value'],
    ['{"a": 1} trailing', 1, 10, 'the end of the text'],
    ['{a: 1}', 1, 2, 'a string in double quotes'],
    ['{"a": "x', 1, 9, 'a closing double quote'],
    ['[tru]', 1, 2, '"true"'],
  ])('names the line and column of broken JSON: %j', (text, line, column, expected) => {
    const e = error(() => parseUntrustedJson(text));
    expect(e.code).toBe('NOT_JSON');
    expect(e.message).toContain(`line ${line}, column ${column}`);
    expect(e.message).toContain(expected);
  });

  it('says an empty file is empty', () => {
    const e = error(() => parseUntrustedJson('  \n'));
    expect(e.code).toBe('NOT_JSON');
    expect(e.message).toMatch(/empty/);
  });

  it('refuses nesting deeper than the limit before parsing', () => {
    const deep = '['.repeat(65) + ']'.repeat(65);
    const e = error(() => parseUntrustedJson(deep));
    expect(e.code).toBe('TOO_DEEP');
    expect(e.message).toContain('64 levels');
    expect(parseUntrustedJson('['.repeat(64) + ']'.repeat(64))).toBeInstanceOf(Array);
    // Brackets inside strings do not count.
    expect(parseUntrustedJson(JSON.stringify({ s: '['.repeat(500) }))).toEqual({ s: '['.repeat(500) });
  });

  it('refuses __proto__ keys anywhere, with their path', () => {
    const e = error(() => parseUntrustedJson('{"tasks":[{"x":1},{"__proto__":{"polluted":true}}]}'));
    expect(e.code).toBe('FORBIDDEN_KEY');
    expect(e.issues[0]?.path).toBe('$.tasks[1].__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses text over the length limit without parsing it', () => {
    const e = error(() => parseUntrustedJson('"' + 'x'.repeat(100) + '"', { maxLength: 50 }));
    expect(e.code).toBe('FILE_TOO_LARGE');
  });
});
