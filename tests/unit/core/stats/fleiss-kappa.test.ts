import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fleissKappa } from '../../../../src/core/index.ts';
import { fleissByItems, permutation } from './reference.ts';

describe('fleissKappa: published reference values', () => {
  it('matches the worked example of the Wikipedia article (10 items, 5 categories, 14 raters: κ ≈ 0.210)', () => {
    // Wikipedia, "Fleiss' kappa", section "Worked example": P̄ = 0.378, P̄_e = 0.213,
    // κ = 0.210. Exactly: P̄ = 172/455, P̄_e = 417/1960, κ = 4211/20059 = 0.20993…
    // (statsmodels' test_inter_rater.py asserts the same table gives 0.210 to 3 decimals).
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(fleissKappa(counts)).toBeCloseTo(0.21, 3);
    expect(fleissKappa(counts)).toBeCloseTo(4211 / 20059, 15);
  });

  it('matches Fleiss (1971) / R irr::kappam.fleiss(diagnoses): κ = 0.430', () => {
    // Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
    // Psychological Bulletin 76(5), 378–382: 30 patients, 6 psychiatrists each, 5
    // diagnoses (depression, personality disorder, schizophrenia, neurosis, other);
    // reported κ = .430. R: library(irr); kappam.fleiss(diagnoses) → Kappa = 0.4302445
    // (as recorded in statsmodels' test_inter_rater.py, test_fleiss_kappa_irr, whose
    // `diagnoses` array gives these counts). Exactly 5437/12637.
    const counts = [
      [0, 0, 0, 6, 0],
      [0, 3, 0, 0, 3],
      [0, 1, 4, 0, 1],
      [0, 0, 0, 0, 6],
      [0, 3, 0, 3, 0],
      [2, 0, 4, 0, 0],
      [0, 0, 4, 0, 2],
      [2, 0, 3, 1, 0],
      [2, 0, 0, 4, 0],
      [0, 0, 0, 0, 6],
      [1, 0, 0, 5, 0],
      [1, 1, 0, 4, 0],
      [0, 3, 3, 0, 0],
      [1, 0, 0, 5, 0],
      [0, 2, 0, 3, 1],
      [0, 0, 5, 0, 1],
      [3, 0, 0, 1, 2],
      [5, 1, 0, 0, 0],
      [0, 2, 0, 4, 0],
      [1, 0, 2, 0, 3],
      [0, 0, 0, 0, 6],
      [0, 1, 0, 5, 0],
      [0, 2, 0, 1, 3],
      [2, 0, 0, 4, 0],
      [1, 0, 0, 4, 1],
      [0, 5, 0, 1, 0],
      [4, 0, 0, 0, 2],
      [0, 2, 0, 4, 0],
      [1, 0, 5, 0, 0],
      [0, 0, 0, 0, 6],
    ];
    // Column totals as in statsmodels' test_aggregate_raters: 26, 26, 30, 55, 43.
    expect([0, 1, 2, 3, 4].map((j) => counts.reduce((s, row) => s + row[j]!, 0))).toEqual([26, 26, 30, 55, 43]);
    expect(fleissKappa(counts)).toBeCloseTo(0.4302445, 7);
    expect(fleissKappa(counts)).toBeCloseTo(5437 / 12637, 15);
  });

  it("matches Randolph's online calculator for 2 items, 7 raters, 3 categories (κ = 0.708333)", () => {
    // statsmodels' test_inter_rater.py, test_fleis_randolph: table [[6, 1, 0], [0, 7, 0]],
    // "Fixed Marginal Kappa: 0.708333" from Randolph's online kappa calculator. By hand:
    // P_1 = (36 + 1 − 7)/42 = 30/42, P_2 = 1, P̄ = 6/7; p = (6, 8, 0)/14,
    // P̄_e = (36 + 64)/196 = 25/49; κ = (6/7 − 25/49)/(24/49) = 17/24 = 0.708333…
    expect(
      fleissKappa([
        [6, 1, 0],
        [0, 7, 0],
      ]),
    ).toBeCloseTo(17 / 24, 15);
    expect(
      fleissKappa([
        [6, 1, 0],
        [0, 7, 0],
      ]),
    ).toBeCloseTo(0.708333, 6);
  });
});

describe('fleissKappa: edges', () => {
  it('throws a RangeError when rows sum to different numbers of raters', () => {
    expect(() =>
      fleissKappa([
        [2, 1],
        [1, 1],
      ]),
    ).toThrow(/counts\[0\] sums to 3 but counts\[1\] sums to 2/);
  });

  it('throws a RangeError when there are fewer than 2 raters per item', () => {
    expect(() =>
      fleissKappa([
        [1, 0],
        [0, 1],
      ]),
    ).toThrow(/at least 2 ratings/);
    expect(() => fleissKappa([[0, 0]])).toThrow(RangeError);
  });

  it('throws a RangeError for ragged rows, no categories, or counts that are not whole numbers ≥ 0', () => {
    expect(() => fleissKappa([[2, 1], [3]])).toThrow(/counts\[1\] must have 2 counts/);
    expect(() => fleissKappa([[]])).toThrow(RangeError);
    expect(() => fleissKappa([[1.5, 1.5]])).toThrow(/counts\[0\]\[0\] must be a whole number/);
    expect(() => fleissKappa([[4, -1]])).toThrow(/counts\[0\]\[1\]/);
    expect(() => fleissKappa([[2, NaN]])).toThrow(RangeError);
  });

  it('is NaN with no items', () => {
    expect(fleissKappa([])).toBeNaN();
  });

  it('is 1 when every rating of every item is in one and the same category (P̄_e = P̄ = 1)', () => {
    expect(
      fleissKappa([
        [0, 5, 0],
        [0, 5, 0],
      ]),
    ).toBe(1);
  });

  it('is −1 for systematic disagreement: two raters who always split', () => {
    // n = 2, every item split 1–1: P̄ = 0, P̄_e = ½, κ = −1.
    expect(
      fleissKappa([
        [1, 1],
        [1, 1],
        [1, 1],
      ]),
    ).toBe(-1);
  });
});

describe('fleissKappa: properties', () => {
  const table = fc
    .record({
      items: fc.integer({ min: 1, max: 12 }),
      categories: fc.integer({ min: 1, max: 5 }),
      raters: fc.integer({ min: 2, max: 8 }),
    })
    .chain(({ items, categories, raters }) =>
      fc.array(
        // Each item: `raters` ratings, each a category index, tallied into counts.
        fc.array(fc.integer({ min: 0, max: categories - 1 }), { minLength: raters, maxLength: raters }).map((r) => {
          const counts = new Array<number>(categories).fill(0);
          for (const c of r) counts[c]!++;
          return counts;
        }),
        { minLength: items, maxLength: items },
      ),
    );

  it('equals the per-item textbook formula', () => {
    fc.assert(
      fc.property(table, (counts) => {
        const fast = fleissKappa(counts);
        const slow = fleissByItems(counts);
        if (!Number.isFinite(slow)) return fast === 1; // P̄_e = 1: 0/0 in the textbook formula
        return Math.abs(fast - slow) < 1e-12;
      }),
      { numRuns: 300 },
    );
  });

  it('is at most 1', () => {
    fc.assert(fc.property(table, (counts) => fleissKappa(counts) <= 1));
  });

  it('is exactly 1 when every item is unanimous', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 2, max: 9 }),
        (choices, raters) => fleissKappa(choices.map((c) => [0, 1, 2, 3].map((j) => (j === c ? raters : 0)))) === 1,
      ),
    );
  });

  it('does not depend on the order of items or of categories, exactly', () => {
    const arb = table.chain((counts) =>
      fc.tuple(fc.constant(counts), permutation(counts.length), permutation(counts[0]!.length)),
    );
    fc.assert(
      fc.property(arb, ([counts, items, categories]) => {
        const shuffled = items.map((i) => categories.map((j) => counts[i]![j]!));
        return Object.is(fleissKappa(shuffled), fleissKappa(counts));
      }),
    );
  });
});
