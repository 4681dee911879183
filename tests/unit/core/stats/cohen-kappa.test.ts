import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cohenKappa } from '../../../../src/core/index.ts';
import { kappaFromProportions, pairedIntegers } from './reference.ts';

/** Expands a contingency table (rows: rater a's category, columns: rater b's) into paired ratings. */
function fromTable(table: number[][], labels: (string | number)[]): [(string | number)[], (string | number)[]] {
  const a: (string | number)[] = [];
  const b: (string | number)[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) {
        a.push(labels[i]!);
        b.push(labels[j]!);
      }
    }),
  );
  return [a, b];
}

// R package irr, data set `anxiety` (20 subjects rated by 3 raters on a 1–6 scale);
// columns rater2 and rater3. The same data are transcribed in statsmodels'
// statsmodels/stats/tests/test_inter_rater.py (array `anxiety`).
const ANXIETY_RATER2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
const ANXIETY_RATER3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];

describe('cohenKappa: published reference values', () => {
  it('matches the 2×2 worked example of the Wikipedia article (κ = 0.4)', () => {
    // Wikipedia, "Cohen's kappa", section "Simple example": 50 proposals; both said
    // yes to 20, A yes / B no 5, A no / B yes 10, both no 15.
    // p_o = 35/50 = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    const [a, b] = fromTable(
      [
        [20, 5],
        [10, 15],
      ],
      ['yes', 'no'],
    );
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 15);
  });

  it('matches R irr::kappa2 on the anxiety data: unweighted, "equal" (linear) and "squared" (quadratic)', () => {
    // R, package irr:  data(anxiety)
    //   kappa2(anxiety[, 2:3])            → Kappa = -0.006289308
    //   kappa2(anxiety[, 2:3], "equal")   → Kappa =  0.1459075
    //   kappa2(anxiety[, 2:3], "squared") → Kappa =  0.2520325
    // (outputs as recorded from R in statsmodels' test_inter_rater.py, test_cohens_kappa_irr).
    // irr's "equal"/"squared" agreement weights 1 − |i−j|/(k−1) and 1 − (i−j)²/(k−1)² over
    // the k = 5 categories actually used (1, 2, 3, 4, 6) are exactly sklearn's
    // weights='linear'/'quadratic'. Exact values, by a rational computation: −1/159,
    // 41/281, 31/123.
    expect(cohenKappa(ANXIETY_RATER2, ANXIETY_RATER3)).toBeCloseTo(-0.006289308, 8);
    expect(cohenKappa(ANXIETY_RATER2, ANXIETY_RATER3, 'linear')).toBeCloseTo(0.1459075, 7);
    expect(cohenKappa(ANXIETY_RATER2, ANXIETY_RATER3, 'quadratic')).toBeCloseTo(0.2520325, 7);
    expect(cohenKappa(ANXIETY_RATER2, ANXIETY_RATER3)).toBeCloseTo(-1 / 159, 15);
    expect(cohenKappa(ANXIETY_RATER2, ANXIETY_RATER3, 'linear')).toBeCloseTo(41 / 281, 15);
    expect(cohenKappa(ANXIETY_RATER2, ANXIETY_RATER3, 'quadratic')).toBeCloseTo(31 / 123, 15);
  });

  it('matches the SAS PROC FREQ printout for a 3×3 table: simple 0.4842, weighted 0.4701', () => {
    // SAS PROC FREQ (AGREE) output for the table [[0, 4, 1], [0, 8, 0], [0, 1, 5]], as
    // reproduced in statsmodels' test_inter_rater.py (TestUnweightedCohens,
    // TestWeightedCohens): "Simple Kappa 0.4842", "Weighted Kappa 0.4701". SAS's default
    // Cicchetti–Allison weights are the linear ones. Exact: 107/221 and 118/251.
    const [a, b] = fromTable(
      [
        [0, 4, 1],
        [0, 8, 0],
        [0, 1, 5],
      ],
      [1, 2, 3],
    );
    expect(cohenKappa(a, b)).toBeCloseTo(0.4842, 4);
    expect(cohenKappa(a, b, 'linear')).toBeCloseTo(0.4701, 4);
    expect(cohenKappa(a, b)).toBeCloseTo(107 / 221, 15);
    expect(cohenKappa(a, b, 'linear')).toBeCloseTo(118 / 251, 15);
  });

  it('gives the hand-computed value for string labels (three categories)', () => {
    // sklearn.metrics.cohen_kappa_score computes the same formula. By hand: 4 of 5 agree,
    // p_o = 0.8; rater a: negative 2, positive 2, neutral 1; rater b: 3, 1, 1;
    // p_e = (2·3 + 2·1 + 1·1)/25 = 0.36; κ = 0.44/0.64 = 0.6875.
    const y1 = ['negative', 'positive', 'negative', 'neutral', 'positive'];
    const y2 = ['negative', 'positive', 'negative', 'neutral', 'negative'];
    expect(cohenKappa(y1, y2)).toBeCloseTo(0.6875, 15);
  });
});

describe('cohenKappa: edges and category rules', () => {
  it('throws a RangeError for arrays of different lengths', () => {
    expect(() => cohenKappa(['a', 'b'], ['a'])).toThrow(RangeError);
    expect(() => cohenKappa(['a', 'b'], ['a'])).toThrow(/same length \(found 2 and 1\)/);
  });

  it('throws a RangeError for a label that is NaN or not a string or number, and for unknown weights', () => {
    expect(() => cohenKappa([1, NaN], [1, 2])).toThrow(/a\[1\] must be a category/);
    expect(() => cohenKappa([1, 2], [1, null as unknown as number])).toThrow(/b\[1\] must be a category/);
    expect(() => cohenKappa([1, 2], [1, 2], 'cubic' as 'linear')).toThrow(RangeError);
  });

  it('is NaN with no items', () => {
    expect(cohenKappa([], [])).toBeNaN();
    expect(cohenKappa([], [], 'quadratic')).toBeNaN();
  });

  it('is 1 when both raters always chose one and the same category (p_e = p_o = 1)', () => {
    expect(cohenKappa(['ok', 'ok', 'ok'], ['ok', 'ok', 'ok'])).toBe(1);
    expect(cohenKappa([3, 3], [3, 3], 'linear')).toBe(1);
  });

  it('treats 1 and "1" as different categories, and refuses to order them with weights', () => {
    // Categories 1 and "1": p_o = 0, p_e = ½·½ + ½·½ = ½, κ = −1.
    expect(cohenKappa([1, '1'], ['1', 1])).toBe(-1);
    expect(() => cohenKappa([1, '1'], ['1', 1], 'linear')).toThrow(/mix numbers .* and strings/);
  });

  it('orders string categories naturally: "2 - fair" before "10 - superb"', () => {
    const label = (v: number) => `${v} - level`;
    const a = [1, 2, 2, 10, 10, 3, 1, 10];
    const b = [2, 2, 3, 10, 3, 3, 1, 2];
    // Plain code-unit order would put "10 - level" between "1 - level" and "2 - level".
    expect(cohenKappa(a.map(label), b.map(label), 'linear')).toBe(cohenKappa(a, b, 'linear'));
    expect(cohenKappa(a.map(label), b.map(label), 'quadratic')).toBe(cohenKappa(a, b, 'quadratic'));
  });

  it('positions are ranks among the values used: a gap in the scale does not count', () => {
    // Ratings 1, 2, 5 sit at positions 0, 1, 2, as in sklearn and irr.
    expect(cohenKappa([1, 2, 5, 5], [2, 2, 5, 1], 'linear')).toBe(cohenKappa([1, 2, 3, 3], [2, 2, 3, 1], 'linear'));
  });
});

describe('cohenKappa: properties', () => {
  const weightings = [undefined, 'linear', 'quadratic'] as const;

  it('equals the textbook proportion formula, unweighted and weighted', () => {
    fc.assert(
      fc.property(pairedIntegers(1, 40, 0, 4), fc.constantFrom(...weightings), ([a, b], w) => {
        fc.pre(new Set([...a, ...b]).size > 1);
        return Math.abs(cohenKappa(a, b, w) - kappaFromProportions(a, b, w)) < 1e-12;
      }),
      { numRuns: 300 },
    );
  });

  it('is symmetric in the two raters, exactly', () => {
    fc.assert(
      fc.property(pairedIntegers(0, 40, 0, 4), fc.constantFrom(...weightings), ([a, b], w) =>
        Object.is(cohenKappa(a, b, w), cohenKappa(b, a, w)),
      ),
    );
  });

  it('is at most 1, and at least −1 unweighted and quadratic', () => {
    // Unweighted: the standard range of κ (its minimum, between −1 and 0, depends on the
    // marginals; Cohen 1960). Quadratic: κ_w = 2s_ab / (s_a² + s_b² + (m_a − m_b)²)
    // over category positions, ≥ −1 by Cauchy–Schwarz. (Linear weights are not asserted
    // here: no proof of the bound at hand.)
    fc.assert(
      fc.property(pairedIntegers(1, 40, 0, 4), fc.constantFrom(...weightings), ([a, b], w) => {
        const k = cohenKappa(a, b, w);
        return k <= 1 && (w === 'linear' || k >= -1);
      }),
    );
  });

  it('is exactly 1 when the raters agree on every item', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...weightings),
        (a, w) => cohenKappa(a, [...a], w) === 1,
      ),
    );
  });

  it('unweighted κ does not depend on what the categories are called', () => {
    const names = ['zeta', 'alpha', 'mid', 'Beta', '7'];
    fc.assert(
      fc.property(pairedIntegers(0, 40, 0, 4), ([a, b]) =>
        Object.is(
          cohenKappa(
            a.map((v) => names[v]!),
            b.map((v) => names[v]!),
          ),
          cohenKappa(a, b),
        ),
      ),
    );
  });

  it('weighted κ depends only on the order of the categories: reversing the scale for both raters keeps it', () => {
    fc.assert(
      fc.property(
        pairedIntegers(0, 40, 0, 4),
        fc.constantFrom('linear', 'quadratic') as fc.Arbitrary<'linear' | 'quadratic'>,
        ([a, b], w) =>
          Object.is(
            cohenKappa(
              a.map((v) => -v),
              b.map((v) => -v),
              w,
            ),
            cohenKappa(a, b, w),
          ),
      ),
    );
  });
});
