/**
 * Property tests of signing (run in Node and in Chromium): for random result
 * objects, sign then verify passes; any single change to the canonical bytes makes
 * the signature fail.
 */
import fc from 'fast-check';
import { base64url, flattenedVerify, EmbeddedJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createAttemptKey,
  signedPayload,
  signResult,
  verifyResultSignature,
  type AttemptKey,
  type Result,
} from '../../src/core/index.ts';

let key: AttemptKey;
beforeAll(async () => {
  key = await createAttemptKey();
});

const text = fc.string({ maxLength: 40, unit: 'grapheme' });
const output = fc.record({
  outputId: fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/),
  label: fc.constantFrom('A', 'B', 'C'),
  critique: text,
  categories: fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 3 }),
  severity: fc.option(fc.constantFrom('minor', 'major'), { nil: null }),
  noIssues: fc.boolean(),
});
const resultArbitrary: fc.Arbitrary<Result> = fc.record({
  format: fc.constant('assay.result/1' as const),
  status: fc.constantFrom('draft' as const, 'submitted' as const),
  app: fc.constant({ name: 'assay' as const, version: '0.1.0' }),
  attemptId: fc.uuid(),
  bundle: fc.record({ id: fc.constant('b'), version: fc.constant('1'), sha256: fc.stringMatching(/^[0-9a-f]{64}$/) }),
  candidate: fc.record({ name: text.filter((s) => s.length > 0), email: fc.constant('a@b.co') }),
  timing: fc.record({
    startedAt: fc.constant('2026-11-26T09:00:00.000Z'),
    submittedAt: fc.constant(null),
    exportedAt: fc.constant('2026-11-26T09:20:00.000Z'),
    timeLimitMinutes: fc.integer({ min: 1, max: 240 }),
    timePolicy: fc.constantFrom('soft' as const, 'hard' as const),
    deadline: fc.constant('2026-11-26T09:30:00.000Z'),
    overtimeMs: fc.nat(),
    autoSubmitted: fc.boolean(),
    activeMsTotal: fc.nat(),
  }),
  tasks: fc.array(
    fc.record({
      taskId: fc.stringMatching(/^t[0-9]{1,3}$/),
      shownOrder: fc.array(fc.stringMatching(/^[a-z]{1,4}$/), { maxLength: 4 }),
      ranking: fc.constant(null),
      activeMs: fc.nat(),
      outputs: fc.array(output, { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
  events: fc.constant([]),
  integrity: fc.record({
    eventsHead: fc.stringMatching(/^[0-9a-f]{64}$/),
    keyStorage: fc.constantFrom('indexeddb' as const, 'memory' as const),
  }),
});

describe('result signatures (property)', () => {
  it('sign then verify passes for any result', async () => {
    await fc.assert(
      fc.asyncProperty(resultArbitrary, async (result) => {
        const signed = await signResult(result, key);
        expect((await verifyResultSignature(signed)).ok).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('any single byte change of the canonical bytes fails verification', async () => {
    await fc.assert(
      fc.asyncProperty(resultArbitrary, fc.nat(), fc.integer({ min: 1, max: 255 }), async (result, at, flip) => {
        const signed = await signResult(result, key);
        const bytes = signedPayload(signed);
        const mutated = bytes.slice();
        const index = at % mutated.length;
        mutated[index] = (mutated[index] as number) ^ flip;
        const [header, , signature] = (signed.signature as string).split('.');
        await expect(
          flattenedVerify(
            { protected: header as string, payload: base64url.encode(mutated), signature: signature as string },
            EmbeddedJWK,
            { algorithms: ['ES256'] },
          ),
        ).rejects.toThrow();
      }),
      { numRuns: 60 },
    );
  });

  it('refuses to sign what canonical JSON cannot carry, naming the path', async () => {
    const [sample] = fc.sample(resultArbitrary, 1);
    const broken = { ...(sample as Result), candidate: { name: 'bad \ud800', email: 'a@b.co' } };
    await expect(signResult(broken, key)).rejects.toThrow(/lone surrogate.*\$\.candidate\.name/);
  });
});
