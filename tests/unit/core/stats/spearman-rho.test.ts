import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spearmanRho } from '../../../../src/core/index.ts';
import { pairedIntegers, permutation, same, seeded, spearmanByDefinition } from './reference.ts';

describe('spearmanRho: published reference values', () => {
  it('matches the scipy.stats.spearmanr docstring example (a tie in y)', () => {
    // SciPy reference manual, scipy.stats.spearmanr, "Examples":
    //   stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).statistic  →  0.8207826816681233
    // By hand: ranks of y are [1, 2, 3.5, 5, 3.5]; deviations from 3 give
    // Σdxdy = 8, Σdx² = 10, Σdy² = 9.5, so ρ = 8/√95.
    const rho = spearmanRho([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]);
    expect(rho).toBeCloseTo(0.8207826816681233, 15);
    expect(rho).toBeCloseTo(8 / Math.sqrt(95), 15);
  });

  it('matches the worked example of the Wikipedia article (IQ vs hours of TV, no ties)', () => {
    // Wikipedia, "Spearman's rank correlation coefficient", section "Example":
    // 10 people, Σd² = 194, ρ = 1 − 6·194/(10·(10² − 1)) = −29/165 ≈ −0.175757.
    // scipy.stats.spearmanr(iq, tv).statistic → -0.17575757575757575 (scipy 1.17.1).
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearmanRho(iq, tv)).toBeCloseTo(-29 / 165, 15);
  });

  it('matches scipy with tie groups in both variables', () => {
    // scipy.stats.spearmanr([1, 1, 2, 3, 3, 3, 4, 5], [2, 1, 2, 3, 4, 3, 5, 5]).statistic
    //   → 0.9563247157871205 (scipy 1.17.1).
    expect(spearmanRho([1, 1, 2, 3, 3, 3, 4, 5], [2, 1, 2, 3, 4, 3, 5, 5])).toBeCloseTo(0.9563247157871205, 15);
  });

  it('matches scipy on a ranking of six outputs against a key with a tie', () => {
    // scipy.stats.spearmanr([1, 2, 3, 4, 5, 6], [2, 1, 3, 3, 6, 5]).statistic
    //   → 0.8696565534786727 (scipy 1.17.1) = 15/√(17.5·17).
    expect(spearmanRho([1, 2, 3, 4, 5, 6], [2, 1, 3, 3, 6, 5])).toBeCloseTo(0.8696565534786727, 15);
  });
});

describe('spearmanRho: edges', () => {
  it('throws a RangeError for arrays of different lengths', () => {
    expect(() => spearmanRho([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => spearmanRho([1, 2], [1, 2, 3])).toThrow(/same length \(found 2 and 3\)/);
  });

  it('throws a RangeError for NaN', () => {
    expect(() => spearmanRho([1, 2, 3], [1, NaN, 3])).toThrow(/y\[1\] must be a number/);
  });

  it('is NaN for fewer than two pairs, or when either variable is constant', () => {
    expect(spearmanRho([], [])).toBeNaN();
    expect(spearmanRho([1], [1])).toBeNaN();
    expect(spearmanRho([2, 2, 2], [1, 2, 3])).toBeNaN();
    expect(spearmanRho([1, 2, 3], [0, 0, 0])).toBeNaN();
  });

  it('is exactly ±1 for identical and reversed rankings, ties included', () => {
    expect(spearmanRho([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(spearmanRho([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(spearmanRho([1, 1, 2, 5, 5, 5], [0, 0, 3, 9, 9, 9])).toBe(1);
  });
});

describe('spearmanRho: properties', () => {
  it('equals Pearson on average ranks computed naively', () => {
    fc.assert(
      fc.property(pairedIntegers(0, 50, 0, 5), ([x, y]) => {
        const fast = spearmanRho(x, y);
        const slow = spearmanByDefinition(x, y);
        if (Number.isNaN(slow)) return Number.isNaN(fast);
        return Math.abs(fast - slow) < 1e-12;
      }),
      { numRuns: 500 },
    );
  });

  it('equals the naive definition on a few thousand real-valued points with ties', () => {
    const random = seeded(99);
    const x = Array.from({ length: 2000 }, () => Math.round(random() * 300) / 10);
    const y = x.map((v) => v * v + Math.round(random() * 100));
    expect(spearmanRho(x, y)).toBeCloseTo(spearmanByDefinition(x, y), 12);
  });

  it('is symmetric: ρ(x, y) = ρ(y, x) exactly', () => {
    fc.assert(fc.property(pairedIntegers(0, 40, 0, 6), ([x, y]) => same(spearmanRho(x, y), spearmanRho(y, x))));
  });

  it('lies in [−1, 1]', () => {
    fc.assert(
      fc.property(pairedIntegers(2, 40, -3, 3), ([x, y]) => {
        const rho = spearmanRho(x, y);
        return Number.isNaN(rho) || (rho >= -1 && rho <= 1);
      }),
    );
  });

  it('is exactly 1 for a ranking against itself or any increasing transform of it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 30 }), (x) => {
        fc.pre(new Set(x).size > 1);
        return (
          spearmanRho(x, x) === 1 &&
          spearmanRho(
            x,
            x.map((v) => Math.exp(v)),
          ) === 1
        );
      }),
    );
  });

  it('reversing one ranking negates ρ exactly', () => {
    fc.assert(
      fc.property(pairedIntegers(0, 40, 1, 8), ([x, y]) => {
        const rho = spearmanRho(x, y);
        return (
          same(
            spearmanRho(
              x,
              y.map((v) => -v),
            ),
            -rho,
          ) &&
          same(
            spearmanRho(
              x,
              y.map((v) => 9 - v),
            ),
            -rho,
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
      fc.property(arb, ([x, y, p]) => {
        const shuffled = spearmanRho(
          p.map((i) => x[i]!),
          p.map((i) => y[i]!),
        );
        const rho = spearmanRho(x, y);
        // The sums run in a different order, so allow for rounding.
        return Number.isNaN(rho) ? Number.isNaN(shuffled) : Math.abs(shuffled - rho) < 1e-12;
      }),
    );
  });
});
