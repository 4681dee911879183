import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AssayError, canonicalJson, canonicalSha256 } from '../../../src/core/index.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops white space (RFC 8785 §3.2.3)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], '\u00e9': 0, A: 2 })).toBe(
      '{"A":2,"a":[true,null,"x"],"b":1,"é":0}',
    );
  });

  it('serialises numbers as ECMAScript does (RFC 8785 §3.2.2.3, Appendix B)', () => {
    // Values from RFC 8785 Appendix B; the literal is imprecise on purpose (the RFC's own input).
    // eslint-disable-next-line no-loss-of-precision
    expect(canonicalJson([1e21, 1e-7, 333333333.33333329, -0, 4.5, 0.000001])).toBe(
      '[1e+21,1e-7,333333333.3333333,0,4.5,0.000001]',
    );
  });

  it('matches the RFC 8785 §3.2.2 sample output', () => {
    const input = {
      // eslint-disable-next-line no-loss-of-precision
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it.each([
    [{ a: [1, Number.NaN] }, '$.a[1]'],
    [{ a: { b: Infinity } }, '$.a.b'],
    [{ critique: 'ok \ud800 broken' }, '$.critique'],
    [['\udc00'], '$[0]'],
  ])('refuses what JCS cannot carry, naming the path: %j', (value, path) => {
    try {
      canonicalJson(value);
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(AssayError);
      expect((e as AssayError).code).toBe('NOT_CANONICAL');
      expect((e as AssayError).issues[0]?.path).toBe(path);
    }
  });

  it('accepts well-formed surrogate pairs', () => {
    expect(canonicalJson({ s: '😀' })).toBe('{"s":"😀"}');
  });

  it('hashes the same for any key order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue()), async (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(await canonicalSha256(reversed)).toBe(await canonicalSha256(object));
      }),
      { numRuns: 100 },
    );
  });
});

describe('canonicalJson against the canonicalize package (reference)', () => {
  it('gives the same bytes for any JSON value (property)', async () => {
    const { default: canonicalize } = await import('canonicalize');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same bytes for edge cases: numbers, escapes, key order', async () => {
    const { default: canonicalize } = await import('canonicalize');
    const value = {
      '\u20ac': 1,
      '\u0080': 2,
      a: [0, -0, 1e-7, 1e21, 123456789012345680000, 5e-324, 1.7976931348623157e308],
      '\ud83d\ude00': 'x\u0000\u001f\u007f"\\/\n',
      B: { c: null, a: true, b: false },
      '': '',
    };
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  it('refuses objects that are not plain JSON', () => {
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(AssayError);
    expect(() => canonicalJson([1, undefined])).toThrow(/undefined is not a JSON value.*\$\[1\]/);
  });
});
