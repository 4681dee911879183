import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kendallTauB } from '../../../../src/core/index.ts';
import { pairedIntegers, permutation, same, seeded, tauBByPairs } from './reference.ts';

describe('kendallTauB: published reference values', () => {
  it('matches the scipy.stats.kendalltau docstring example (ties in x and y)', () => {
    // SciPy reference manual, scipy.stats.kendalltau, "Examples":
    //   x1 = [12, 2, 1, 12, 2]; x2 = [1, 4, 7, 1, 0]
    //   stats.kendalltau(x1, x2).statistic  →  -0.47140452079103173
    // By hand: n0 = 10; ties in x: {12,12}, {2,2} → n1 = 2; ties in y: {1,1} → n2 = 1;
    // n_c − n_d = −4, so τ_b = −4/√(8·9) = −√2/3.
    const tau = kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]);
    expect(tau).toBeCloseTo(-0.47140452079103173, 15);
    expect(tau).toBeCloseTo(-Math.SQRT2 / 3, 15);
  });

  it('matches scipy on the IQ / hours-of-TV data of the Wikipedia Spearman article (no ties)', () => {
    // Data: Wikipedia, "Spearman's rank correlation coefficient", section "Example".
    // scipy.stats.kendalltau([106, 100, 86, 101, 99, 103, 97, 113, 112, 110],
    //                        [7, 27, 2, 50, 28, 29, 20, 12, 6, 17]).statistic
    //   → -0.1111111111111111 (scipy 1.17.1), i.e. (20 − 25)/45 = −1/9.
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(kendallTauB(iq, tv)).toBeCloseTo(-1 / 9, 15);
  });

  it('matches scipy with several tie groups, including a pair tied in both variables', () => {
    // scipy.stats.kendalltau([1, 1, 2, 3, 3, 3, 4, 5], [2, 1, 2, 3, 4, 3, 5, 5]).statistic
    //   → 0.8981462390204987 (scipy 1.17.1).
    // By hand: n0 = 28, n1 = 1 + 3 = 4, n2 = 3 (pairs of 2s, 3s, 5s), n_c − n_d = 22,
    // so τ_b = 22/√(24·25) = 22/√600.
    const tau = kendallTauB([1, 1, 2, 3, 3, 3, 4, 5], [2, 1, 2, 3, 4, 3, 5, 5]);
    expect(tau).toBeCloseTo(0.8981462390204987, 15);
    expect(tau).toBeCloseTo(22 / Math.sqrt(600), 15);
  });

  it('matches scipy on a typical ranking of six outputs against a key with a tie', () => {
    // scipy.stats.kendalltau([1, 2, 3, 4, 5, 6], [2, 1, 3, 3, 6, 5]).statistic
    //   → 0.6900655593423543 (scipy 1.17.1) = 10/√(15·14).
    expect(kendallTauB([1, 2, 3, 4, 5, 6], [2, 1, 3, 3, 6, 5])).toBeCloseTo(0.6900655593423543, 15);
  });
});

describe('kendallTauB: edges', () => {
  it('throws a RangeError for arrays of different lengths', () => {
    expect(() => kendallTauB([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => kendallTauB([1, 2, 3], [1, 2])).toThrow(/same length \(found 3 and 2\)/);
  });

  it('throws a RangeError for NaN, which has no rank', () => {
    expect(() => kendallTauB([1, NaN, 3], [1, 2, 3])).toThrow(/x\[1\] must be a number/);
  });

  it('ranks ±Infinity like any other number', () => {
    expect(kendallTauB([-Infinity, 0, Infinity], [1, 2, 3])).toBe(1);
  });

  it('is NaN for fewer than two pairs', () => {
    expect(kendallTauB([], [])).toBeNaN();
    expect(kendallTauB([4], [2])).toBeNaN();
  });

  it('is NaN when either variable is constant (no untied pair)', () => {
    expect(kendallTauB([3, 3, 3, 3], [1, 2, 3, 4])).toBeNaN();
    expect(kendallTauB([1, 2, 3, 4], [7, 7, 7, 7])).toBeNaN();
    expect(kendallTauB([5, 5], [5, 5])).toBeNaN();
  });

  it('is exactly ±1 for identical and reversed rankings, ties included', () => {
    expect(kendallTauB([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toBe(1);
    expect(kendallTauB([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBe(-1);
    expect(kendallTauB([1, 1, 2, 3, 3], [10, 10, 20, 30, 30])).toBe(1);
  });
});

describe('kendallTauB: properties', () => {
  it("Knight's O(n log n) result equals the O(n²) pair-by-pair definition, with many ties", () => {
    fc.assert(
      fc.property(pairedIntegers(0, 60, 0, 4), ([x, y]) => {
        const fast = kendallTauB(x, y);
        const slow = tauBByPairs(x, y);
        if (Number.isNaN(slow)) return Number.isNaN(fast);
        return Math.abs(fast - slow) < 1e-12;
      }),
      { numRuns: 500 },
    );
  });

  it('equals the O(n²) definition on a few thousand points (ties and real values)', () => {
    const random = seeded(20240611);
    const n = 3000;
    const x = Array.from({ length: n }, () => Math.floor(random() * 50));
    const y = x.map((v) => (random() < 0.3 ? Math.floor(random() * 50) : v + random() * 10));
    expect(kendallTauB(x, y)).toBeCloseTo(tauBByPairs(x, y), 12);
  });

  it('handles 200,000 points quickly (the O(n log n) path; the O(n²) one would take minutes)', () => {
    // For X, U independent uniform, the population τ of (X, X + U) is exactly 1/2:
    // with D = X1 − X2 and E = U1 − U2 i.i.d., a pair is discordant iff |E| > |D| and
    // the signs differ, probability 1/4, so τ = 1 − 2·1/4. The standard error at this
    // n is about 0.0015.
    const random = seeded(7);
    const n = 200_000;
    const x = Array.from({ length: n }, () => random());
    const y = x.map((v) => v + random());
    const started = performance.now();
    const tau = kendallTauB(x, y);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(Math.abs(tau - 0.5)).toBeLessThan(0.01);
  });

  it('is symmetric: τ(x, y) = τ(y, x) exactly', () => {
    fc.assert(fc.property(pairedIntegers(0, 40, 0, 6), ([x, y]) => same(kendallTauB(x, y), kendallTauB(y, x))));
  });

  it('lies in [−1, 1]', () => {
    fc.assert(
      fc.property(pairedIntegers(2, 40, -3, 3), ([x, y]) => {
        const tau = kendallTauB(x, y);
        return Number.isNaN(tau) || (tau >= -1 && tau <= 1);
      }),
    );
  });

  it('is exactly 1 for a ranking against itself or any increasing transform of it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 30 }), (x) => {
        fc.pre(new Set(x).size > 1);
        return (
          kendallTauB(x, x) === 1 &&
          kendallTauB(
            x,
            x.map((v) => 3 * v + 100),
          ) === 1
        );
      }),
    );
  });

  it('reversing one ranking negates τ exactly', () => {
    fc.assert(
      fc.property(pairedIntegers(0, 40, 1, 8), ([x, y]) => {
        const tau = kendallTauB(x, y);
        // y ↦ −y and, for ranks 1…8, y ↦ 9 − y both reverse the order.
        return (
          same(
            kendallTauB(
              x,
              y.map((v) => -v),
            ),
            -tau,
          ) &&
          same(
            kendallTauB(
              x,
              y.map((v) => 9 - v),
            ),
            -tau,
          ) &&
          same(
            kendallTauB(
              x.map((v) => -v),
              y,
            ),
            -tau,
          )
        );
      }),
    );
  });

  it('does not depend on the order in which the pairs are listed', () => {
    const arb = fc
      .integer({ min: 0, max: 30 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
          fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
          permutation(n),
        ),
      );
    fc.assert(
      fc.property(arb, ([x, y, p]) =>
        same(
          kendallTauB(
            p.map((i) => x[i]!),
            p.map((i) => y[i]!),
          ),
          kendallTauB(x, y),
        ),
      ),
    );
  });
});
