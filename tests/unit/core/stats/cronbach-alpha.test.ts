import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cronbachAlpha } from '../../../../src/core/index.ts';

/**
 * StatsBase.jl's documented example of `cronbachalpha` (docs, "Scalar Statistics",
 * jldoctest): the covariance matrix
 *     [10 6 6 6; 6 11 6 6; 6 6 12 6; 6 6 6 13]
 * gives "Cronbach's alpha for all items: 0.8136", and with one item dropped
 * 0.7500, 0.7606, 0.7714, 0.7826. Exactly: k/(k−1)·(1 − trace/sum), e.g.
 * 4/3 · (1 − 46/118) = 48/59.
 */
const STATSBASE_COVARIANCE = [
  [10, 6, 6, 6],
  [6, 11, 6, 6],
  [6, 6, 12, 6],
  [6, 6, 6, 13],
];

/** Lower-triangular L with L·Lᵀ = c (Cholesky–Banachiewicz). */
function cholesky(c: number[][]): number[][] {
  const k = c.length;
  const l = c.map(() => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      let sum = c[i]![j]!;
      for (let m = 0; m < j; m++) sum -= l[i]![m]! * l[j]![m]!;
      l[i]![j] = i === j ? Math.sqrt(sum) : sum / l[j]![j]!;
    }
  return l;
}

/**
 * n subjects whose scores have exactly the sample covariance c: the columns of Z are
 * Helmert contrasts (orthogonal to each other and to the constant), scaled so that
 * ZᵀZ/(n − 1) = I, and X = Z·Lᵀ, so XᵀX/(n − 1) = L·Lᵀ = c. The offset is arbitrary.
 */
function scoresWithCovariance(c: number[][], n: number, offset = 50): number[][] {
  const k = c.length;
  const l = cholesky(c);
  const z = Array.from({ length: n }, (_, s) =>
    Array.from({ length: k }, (_, j) => {
      const h = j + 1; // contrast h: +1 on the first h subjects, −h on subject h, 0 after
      const v = s < h ? 1 : s === h ? -h : 0;
      return (v / Math.sqrt(h * (h + 1))) * Math.sqrt(n - 1);
    }),
  );
  return z.map((row) =>
    Array.from({ length: k }, (_, i) => offset + row.reduce((sum, zj, j) => sum + zj * l[i]![j]!, 0)),
  );
}

const dropItem = (scores: number[][], item: number) => scores.map((row) => row.filter((_, i) => i !== item));

describe('cronbachAlpha: published reference values', () => {
  const scores = scoresWithCovariance(STATSBASE_COVARIANCE, 6);

  it('the construction really has the example covariance', () => {
    const n = scores.length;
    const mean = (i: number) => scores.reduce((s, r) => s + r[i]!, 0) / n;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const cov = scores.reduce((s, r) => s + (r[i]! - mean(i)) * (r[j]! - mean(j)), 0) / (n - 1);
        expect(cov).toBeCloseTo(STATSBASE_COVARIANCE[i]![j]!, 10);
      }
  });

  it("matches StatsBase.jl's documented example (0.8136)", () => {
    const alpha = cronbachAlpha(scores);
    expect(alpha).toBeCloseTo(0.8136, 4);
    expect(alpha).toBeCloseTo(48 / 59, 12);
  });

  it('matches the same example with each item dropped (0.7500, 0.7606, 0.7714, 0.7826)', () => {
    const published = [0.75, 0.7606, 0.7714, 0.7826];
    // Exactly 3/2 · (1 − trace/sum) of the remaining 3 × 3 matrix.
    const exact = [36 / 48, 54 / 71, 27 / 35, 18 / 23];
    published.forEach((value, item) => {
      const alpha = cronbachAlpha(dropItem(scores, item));
      expect(alpha).toBeCloseTo(value, 4);
      expect(alpha).toBeCloseTo(exact[item]!, 12);
    });
  });
});

describe('cronbachAlpha: properties', () => {
  const data = fc.record({ n: fc.integer({ min: 2, max: 12 }), k: fc.integer({ min: 2, max: 6 }) }).chain(({ n, k }) =>
    fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: k, maxLength: k }), {
      minLength: n,
      maxLength: n,
    }),
  );

  it('equals k·c̄ / (v̄ + (k − 1)·c̄), the mean-covariance form, on random data', () => {
    fc.assert(
      fc.property(data, (scores) => {
        const n = scores.length;
        const k = scores[0]!.length;
        const mean = (i: number) => scores.reduce((s, r) => s + r[i]!, 0) / n;
        const cov = (i: number, j: number) =>
          scores.reduce((s, r) => s + (r[i]! - mean(i)) * (r[j]! - mean(j)), 0) / (n - 1);
        let v = 0;
        let c = 0;
        for (let i = 0; i < k; i++)
          for (let j = 0; j < k; j++) {
            if (i === j) v += cov(i, i) / k;
            else c += cov(i, j) / (k * (k - 1));
          }
        // v + (k − 1)·c is the variance of the totals over k; integer scores make it
        // a multiple of 1/(k²(n − 1)) when it is not 0, so a rounding residue is told apart.
        const totalVariance = v + (k - 1) * c;
        const reference = Math.abs(totalVariance) < 1e-9 ? NaN : (k * c) / totalVariance;
        const alpha = cronbachAlpha(scores);
        if (Number.isNaN(reference)) expect(alpha).toBeNaN();
        else expect(alpha).toBeCloseTo(reference, 9);
      }),
    );
  });

  it('does not change when an item is shifted, and is at most 1', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: -1000, max: 1000 }), (scores, shift) => {
        const alpha = cronbachAlpha(scores);
        const shifted = cronbachAlpha(scores.map((r) => r.map((v, i) => (i === 0 ? v + shift : v))));
        if (Number.isNaN(alpha)) expect(shifted).toBeNaN();
        else {
          expect(shifted).toBeCloseTo(alpha, 9);
          expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it('is 1 for items that are copies of one varying item', () => {
    expect(cronbachAlpha([1, 4, 2, 3].map((v) => [v, v, v]))).toBeCloseTo(1, 12);
  });
});

describe('cronbachAlpha: edges', () => {
  it('gives NaN with fewer than 2 subjects or items, or totals that do not vary', () => {
    expect(cronbachAlpha([])).toBeNaN();
    expect(cronbachAlpha([[1, 2, 3]])).toBeNaN();
    expect(cronbachAlpha([[1], [2], [3]])).toBeNaN();
    expect(
      cronbachAlpha([
        [1, 2],
        [2, 1],
      ]),
    ).toBeNaN();
  });

  it('throws a RangeError naming the entry for ragged rows or non-finite scores', () => {
    expect(() => cronbachAlpha([[1, 2], [3]])).toThrow(/scores\[1\] has 1/);
    expect(() =>
      cronbachAlpha([
        [1, 2],
        [3, NaN],
      ]),
    ).toThrow(/scores\[1\]\[1\] must be a finite number, not NaN/);
    expect(() => cronbachAlpha('x' as unknown as number[][])).toThrow(RangeError);
  });
});
