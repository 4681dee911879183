import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlDecode, base64urlEncode, jwsSigningInput } from '../../../src/core/crypto/base64url.ts';

describe('base64url', () => {
  it('matches Node’s encoder for any bytes (RFC 4648 §5, no padding) and decodes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = base64urlEncode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64urlDecode(text)).toEqual(bytes);
      }),
    );
  });

  it('builds the JWS signing input <protected>.<payload> as ASCII bytes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/), fc.uint8Array({ maxLength: 300 }), (head, payload) => {
        const input = jwsSigningInput(head, payload);
        expect(Buffer.from(input).toString('latin1')).toBe(`${head}.${Buffer.from(payload).toString('base64url')}`);
      }),
    );
    expect(() => jwsSigningInput('é', new Uint8Array(1))).toThrow(TypeError);
  });

  it('refuses what is not base64url', () => {
    expect(() => base64urlDecode('a+b/')).toThrow(TypeError);
    expect(() => base64urlDecode('abcde')).toThrow(TypeError);
  });
});
