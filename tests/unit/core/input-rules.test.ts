/**
 * The rules every untrusted file meets (issue 10, "One set of input rules"):
 * decoding, sizes per kind, duplicate keys, keys with no weight, formats named by
 * kind and version, typed event data, and control characters made visible.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assayFileKind,
  AssayError,
  assertFileSize,
  decodeUtf8,
  parseUntrustedJson,
  readAssayFile,
  readUntrustedJson,
  terminalJson,
  validateBundle,
  validateKey,
  validateResult,
  validateReviews,
  visibleText,
} from '../../../src/core/index.ts';

// eslint-disable-next-line no-control-regex -- what terminalJson must escape
const RAW_ALL = /[\u001b\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const caught = (f: () => unknown): AssayError => {
  try {
    f();
  } catch (error) {
    return error as AssayError;
  }
  throw new Error('expected an error');
};
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));

describe('decoding: strict UTF-8, one BOM', () => {
  it('drops one UTF-8 byte order mark', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], '{"a":1}'))).toBe('{"a":1}');
  });

  it.each([
    ['UTF-16 little-endian', bytes([0xff, 0xfe], [0x7b, 0, 0x7d, 0]), /saved as UTF-16 \(little-endian\)/],
    ['UTF-16 big-endian', bytes([0xfe, 0xff], [0, 0x7b, 0, 0x7d]), /saved as UTF-16 \(big-endian\)/],
    ['UTF-16 without a mark', bytes([0x7b, 0, 0x22, 0, 0x61, 0]), /saved as UTF-16 \(little-endian\)/],
    ['two byte order marks', bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], '{}'), /two byte order marks/],
  ])('refuses %s, saying to save as UTF-8', (_what, input, message) => {
    const error = caught(() => decodeUtf8(input));
    expect(error.code).toBe('NOT_UTF8');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/save it as UTF-8/);
  });

  it('refuses bytes that are not UTF-8 with their line and column', () => {
    const error = caught(() => decodeUtf8(bytes('{\n  "name": "caf', [0xe9], '"\n}')));
    expect(error.code).toBe('NOT_UTF8');
    expect(error.message).toMatch(/at line 2, column 15 \(byte 16\)/);
    // Counted in characters, not bytes, after multi-byte text on the same line.
    expect(caught(() => decodeUtf8(bytes('"ééé', [0xc3, 0x28], '"'))).message).toMatch(/line 1, column 5 /);
    // Overlong forms and encoded surrogates are not UTF-8 either (RFC 3629 §3).
    expect(caught(() => decodeUtf8(bytes('"', [0xc0, 0xaf], '"'))).message).toMatch(/column 2 /);
    expect(caught(() => decodeUtf8(bytes('"', [0xed, 0xa0, 0x80], '"'))).message).toMatch(/column 2 /);
  });

  it('refuses a second BOM in text given directly, too', () => {
    expect(caught(() => parseUntrustedJson('\uFEFF\uFEFF{}')).code).toBe('NOT_UTF8');
  });
});

describe('sizes, per kind of file', () => {
  it('gives each kind its limit, in bytes', () => {
    expect(caught(() => assertFileSize(5 * 1024 * 1024 + 1, 'bundle')).message).toBe(
      'This bundle is 5,242,881 bytes; bundles are limited to 5 MB (5,242,880 bytes).',
    );
    expect(() => assertFileSize(6 * 1024 * 1024, 'result')).not.toThrow();
    expect(caught(() => assertFileSize(2 * 1024 * 1024, 'team-key-backup')).code).toBe('FILE_TOO_LARGE');
  });

  it('holds a file of unknown kind to its own kind once its format is read', () => {
    const bundle = readFileSync('tests/fixtures/bundles/minimal.json', 'utf8');
    const big = bytes(bundle, ' '.repeat(6 * 1024 * 1024));
    expect(caught(() => readAssayFile(big, ['bundle', 'key', 'result'])).message).toMatch(
      /^This bundle is [\d,]+ bytes; bundles are limited to 5 MB/,
    );
    expect(readAssayFile(bytes(bundle), ['bundle', 'key']).kind).toBe('bundle');
  });
});

describe('duplicate keys', () => {
  it('refuses a key named twice, with the path of the second and its line and column', () => {
    const error = caught(() => parseUntrustedJson('{\n  "a": [1, {"b": 1}, {"c": 2,\n "c": 3}]\n}'));
    expect(error.code).toBe('DUPLICATE_KEY');
    expect(error.issues).toEqual([{ path: '$.a[2].c', message: 'duplicate key "c" (line 3, column 2)' }]);
    expect(error.message).toMatch(/The key "c" appears twice .*at \$\.a\[2\]\.c, line 3, column 2/);
  });

  it('sees through escapes, and is not fooled by quotes and braces inside strings', () => {
    expect(caught(() => parseUntrustedJson('{"title": 1, "ti\\u0074le": 2}')).issues[0]?.path).toBe('$.title');
    expect(caught(() => parseUntrustedJson('{"x": {"a\\\\": 1, "a\\\\": 2}}')).issues[0]?.path).toBe('$.x["a\\\\"]');
    expect(parseUntrustedJson('{"a": "\\"b\\": {", "b": "}, \\"a\\": 1", "c": [{"a": 1}, {"a": 2}]}')).toEqual({
      a: '"b": {',
      b: '}, "a": 1',
      c: [{ a: 1 }, { a: 2 }],
    });
  });

  it('applies to every format: a bundle with two "title" keys', () => {
    const text = readFileSync('tests/fixtures/bundles/minimal.json', 'utf8');
    const twice = text.replace('"title": ', '"title": "Another", "title": ');
    const error = caught(() => readUntrustedJson(bytes(twice), 'bundle'));
    expect(error.code).toBe('DUPLICATE_KEY');
    expect(error.issues[0]?.path).toBe('$.title');
  });
});

describe('answer keys with no weight', () => {
  const key = JSON.parse(readFileSync('tests/fixtures/keys/minimal.key.json', 'utf8')) as Record<string, unknown>;

  it('refuses weights that are all 0, at $.weights', () => {
    const error = caught(() =>
      validateKey({ ...key, weights: { ranking: 0, errorIdentification: 0, consistency: 0, critique: 0 } }),
    );
    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.issues).toEqual([{ path: '$.weights', message: expect.stringMatching(/all 0, so no composite/) }]);
  });

  it('accepts one weight above 0', () => {
    expect(() =>
      validateKey({ ...key, weights: { ranking: 0, errorIdentification: 0, consistency: 0, critique: 1 } }),
    ).not.toThrow();
  });
});

describe('formats named by kind and version', () => {
  it.each([
    [
      'a key of version 9, read as a bundle',
      () => validateBundle({ format: 'assay.key/9' }),
      /an Assay answer key \(format "assay\.key\/9", version 9\), not an Assay bundle/,
    ],
    [
      'a key of version 9, read as a key',
      () => validateKey({ format: 'assay.key/9' }),
      /format "assay\.key\/9" \(version 9\), which this version of Assay cannot read/,
    ],
    [
      'a result of version 2, read as reviews',
      () => validateReviews({ format: 'assay.result/2' }),
      /an Assay result file \(format "assay\.result\/2", version 2\)/,
    ],
    [
      'a workspace backup, read as a result',
      () => validateResult({ format: 'assay.workspace/1' }),
      /an Assay workspace backup \(format "assay\.workspace\/1", version 1\)/,
    ],
  ])('%s', (_what, read, message) => {
    const error = caught(read);
    expect(error.code).toBe('UNKNOWN_FORMAT');
    expect(error.message).toMatch(message);
  });

  it('tells the kind by the format family', () => {
    expect(assayFileKind({ format: 'assay.key/9' })).toBe('key');
    expect(assayFileKind({ format: 'assay.team-key-backup/1' })).toBe('team-key-backup');
    expect(assayFileKind({ format: 'other/1' })).toBeNull();
  });
});

describe('event data', () => {
  const valid = JSON.parse(readFileSync('tests/fixtures/results/valid.json', 'utf8')) as {
    events: { type: string; data: Record<string, unknown> }[];
  };
  const withEvent = (type: string, change: (data: Record<string, unknown>) => void) => {
    const copy = structuredClone(valid);
    const index = copy.events.findIndex((e) => e.type === type);
    change((copy.events[index] as { data: Record<string, unknown> }).data);
    return { copy, index };
  };

  it.each([
    ['critique.paste', 'length', '40', 'must be a whole number, found string "40"'],
    ['critique.paste', 'length', 40.5, 'must be a whole number, found the number 40.5'],
    ['attempt.start', 'keyId', 7, 'expected a string, found number 7'],
    ['attempt.start', 'invited', 'yes', 'expected a boolean, found string "yes"'],
    ['ranking.change', 'ranking', 'a,b', 'expected an array, found string "a,b"'],
    ['result.export', 'status', 'final', 'must be one of "draft", "submitted"'],
  ])('names the field: %s data.%s = %j', (type, field, value, message) => {
    const { copy, index } = withEvent(type, (data) => (data[field] = value));
    const error = caught(() => validateResult(copy));
    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.issues).toContainEqual({ path: `$.events[${index}].data.${field}`, message });
  });

  it('refuses a field an event type does not have', () => {
    const { copy, index } = withEvent('task.open', (data) => (data.extra = 1));
    expect(caught(() => validateResult(copy)).issues).toContainEqual({
      path: `$.events[${index}].data.extra`,
      message: 'unknown field "extra"',
    });
  });
});

describe('control characters made visible', () => {
  it.each([
    ['Eve\r\u001b[32m✓ ok', 'Eve\\r\\x1b[32m✓ ok'],
    ['a\nb\tc\u0000d\u007f', 'a\\nb\\tc\\x00d\\x7f'],
    ['\u0085\u009b', '\\u0085\\u009b'],
    ['txt\u202eexe \u2066x\u2069 \u2028\u2029', 'txt\\u202eexe \\u2066x\\u2069 \\u2028\\u2029'],
    ['Zoë Ångström 名前', 'Zoë Ångström 名前'],
  ])('%j → %j', (input, shown) => {
    expect(visibleText(input)).toBe(shown);
  });

  it('writes JSON for a terminal that reads back the same', () => {
    const value = { name: 'a\u202eb\u0085c\u2028\u001b' };
    const text = terminalJson(value);
    expect(text).not.toMatch(RAW_ALL);
    expect(JSON.parse(text)).toEqual(value);
  });
});
