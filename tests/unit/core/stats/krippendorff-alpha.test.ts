import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { krippendorffAlpha } from '../../../../src/core/index.ts';
import { alphaByCoincidences, permutation } from './reference.ts';

const _ = null;
const LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const;

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
// for Communication, Departmental Papers 43. Section C ("Nominal data, any number of
// observers, missing data"): 4 observers (rows A–D) × 12 units, 7 values missing.
// The same matrix is the "C" data of R's DescTools::KrippAlpha / irr::kripp.alpha
// examples and the doctest data of the Python `krippendorff` package.
const KRIPPENDORFF_2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

// Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders (A, B,
// C) × 15 units, `*` = missing.
const WIKIPEDIA = [
  [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
  [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
  [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
];

describe('krippendorffAlpha: published reference values', () => {
  it('reproduces Krippendorff (2011): nominal .743, ordinal .815, interval .849, ratio .797', () => {
    // The paper reports α = .743 (nominal, section C) and, for the same data in the
    // sections on the other metrics, .815 (ordinal), .849 (interval), .797 (ratio).
    // Checked independently with exact rational arithmetic (coincidence matrix built
    // pair by pair, Python fractions): 113/152, 108577/133160, 951/1120, 18222619/22852465.
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'nominal')).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'interval')).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'ratio')).toBeCloseTo(0.797, 3);

    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'nominal')).toBeCloseTo(113 / 152, 14);
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'ordinal')).toBeCloseTo(108577 / 133160, 14);
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'interval')).toBeCloseTo(951 / 1120, 14);
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'ratio')).toBeCloseTo(18222619 / 22852465, 14);
  });

  it('uses the matrix exactly as published: 4 observers, 12 units, 7 missing, unit 12 not pairable', () => {
    expect(KRIPPENDORFF_2011).toHaveLength(4);
    expect(KRIPPENDORFF_2011.every((row) => row.length === 12)).toBe(true);
    expect(KRIPPENDORFF_2011.flat().filter((v) => v === null)).toHaveLength(7);
    // Unit 12 has a single value (3, from observer B): not pairable, so the coincidence
    // matrix holds n = 40 values, and dropping the unit's column leaves α unchanged.
    const without12 = KRIPPENDORFF_2011.map((row) => row.slice(0, 11));
    expect(without12.flat().filter((v) => v !== null)).toHaveLength(40);
    for (const level of LEVELS)
      expect(krippendorffAlpha(without12, level)).toBe(krippendorffAlpha(KRIPPENDORFF_2011, level));
  });

  it('reproduces the Wikipedia computational example: nominal 0.691, interval 0.811', () => {
    // Wikipedia states α_nominal = 0.691 and α_interval = 0.811. Exact: 56/81 and 643/793.
    expect(krippendorffAlpha(WIKIPEDIA, 'nominal')).toBeCloseTo(0.691, 3);
    expect(krippendorffAlpha(WIKIPEDIA, 'interval')).toBeCloseTo(0.811, 3);
    expect(krippendorffAlpha(WIKIPEDIA, 'nominal')).toBeCloseTo(56 / 81, 14);
    expect(krippendorffAlpha(WIKIPEDIA, 'interval')).toBeCloseTo(643 / 793, 14);
  });
});

describe('krippendorffAlpha: edges', () => {
  it('throws a RangeError for rows of different lengths', () => {
    expect(() =>
      krippendorffAlpha(
        [
          [1, 2, 3],
          [1, 2],
        ],
        'nominal',
      ),
    ).toThrow(/data\[1\] has 2/);
  });

  it('throws a RangeError for a value that is not a finite number or null', () => {
    expect(() =>
      krippendorffAlpha(
        [
          [1, NaN],
          [1, 2],
        ],
        'interval',
      ),
    ).toThrow(/data\[0\]\[1\] must be a finite number/);
    expect(() =>
      krippendorffAlpha(
        [
          [1, Infinity],
          [1, 2],
        ],
        'interval',
      ),
    ).toThrow(RangeError);
    expect(() =>
      krippendorffAlpha(
        [
          [1, undefined as unknown as null],
          [1, 2],
        ],
        'nominal',
      ),
    ).toThrow(RangeError);
  });

  it('throws a RangeError for an unknown level, and for negative values at the ratio level', () => {
    expect(() => krippendorffAlpha([[1], [1]], 'cardinal' as 'ratio')).toThrow(/level must be/);
    expect(() =>
      krippendorffAlpha(
        [
          [1, -2],
          [1, 2],
        ],
        'ratio',
      ),
    ).toThrow(/ratio level needs values ≥ 0/);
  });

  it('is NaN when nothing is pairable: no raters, no units, one rater, or at most one value per unit', () => {
    expect(krippendorffAlpha([], 'nominal')).toBeNaN();
    expect(krippendorffAlpha([[], []], 'nominal')).toBeNaN();
    expect(krippendorffAlpha([[1, 2, 3]], 'interval')).toBeNaN();
    expect(
      krippendorffAlpha(
        [
          [1, _, _],
          [_, 2, _],
          [_, _, 3],
        ],
        'nominal',
      ),
    ).toBeNaN();
  });

  it('is NaN when the pairable values show no variation (D_e = 0)', () => {
    expect(
      krippendorffAlpha(
        [
          [4, 4, 4],
          [4, 4, _],
        ],
        'ordinal',
      ),
    ).toBeNaN();
  });

  it('is 1 for perfect agreement and negative for systematic disagreement', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 2, 3, _],
          [1, 2, 3, 4],
        ],
        'interval',
      ),
    ).toBe(1);
    // Two coders who always disagree on a binary variable: D_o = 1 > D_e.
    expect(
      krippendorffAlpha(
        [
          [0, 1, 0, 1],
          [1, 0, 1, 0],
        ],
        'nominal',
      ),
    ).toBeLessThan(0);
  });

  it('treats δ²(0, 0) as 0 at the ratio level', () => {
    expect(
      krippendorffAlpha(
        [
          [0, 5, 10],
          [0, 5, 10],
        ],
        'ratio',
      ),
    ).toBe(1);
  });
});

describe('krippendorffAlpha: properties', () => {
  const reliabilityData = (maxValue: number) =>
    fc
      .record({ raters: fc.integer({ min: 1, max: 5 }), units: fc.integer({ min: 0, max: 12 }) })
      .chain(({ raters, units }) =>
        fc.array(
          fc.array(fc.option(fc.integer({ min: 0, max: maxValue }), { nil: null, freq: 4 }), {
            minLength: units,
            maxLength: units,
          }),
          { minLength: raters, maxLength: raters },
        ),
      );
  const level = fc.constantFrom(...LEVELS);

  it('equals the coincidence matrix built pair by pair, as in the paper', () => {
    fc.assert(
      fc.property(reliabilityData(5), level, (data, lvl) => {
        const fast = krippendorffAlpha(data, lvl);
        const slow = alphaByCoincidences(data, lvl);
        if (Number.isNaN(slow)) return Number.isNaN(fast);
        return Math.abs(fast - slow) < 1e-9;
      }),
      { numRuns: 400 },
    );
  });

  it('is at most 1', () => {
    fc.assert(
      fc.property(reliabilityData(5), level, (data, lvl) => {
        const alpha = krippendorffAlpha(data, lvl);
        return Number.isNaN(alpha) || alpha <= 1;
      }),
    );
  });

  it('is exactly 1 when every unit’s values agree (and the values vary)', () => {
    const arb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 10 }).chain((truth) =>
      fc.tuple(
        fc.constant(truth),
        fc.array(fc.array(fc.boolean(), { minLength: truth.length, maxLength: truth.length }), {
          minLength: 2,
          maxLength: 4,
        }),
      ),
    );
    fc.assert(
      fc.property(arb, level, ([truth, present], lvl) => {
        // Every rater either gives the unit's true value or none; keep two raters complete.
        const data = present.map((row, r) => row.map((p, u) => (p || r < 2 ? truth[u]! : null)));
        fc.pre(new Set(truth).size > 1);
        return krippendorffAlpha(data, lvl) === 1;
      }),
    );
  });

  it('does not depend on the order of the raters, exactly', () => {
    const arb = reliabilityData(5).chain((data) => fc.tuple(fc.constant(data), permutation(data.length)));
    fc.assert(
      fc.property(arb, level, ([data, p], lvl) =>
        Object.is(
          krippendorffAlpha(
            p.map((r) => data[r]!),
            lvl,
          ),
          krippendorffAlpha(data, lvl),
        ),
      ),
    );
  });

  it('does not depend on the order of the units, exactly', () => {
    const arb = reliabilityData(5).chain((data) => fc.tuple(fc.constant(data), permutation(data[0]!.length)));
    fc.assert(
      fc.property(arb, level, ([data, p], lvl) =>
        Object.is(
          krippendorffAlpha(
            data.map((row) => p.map((u) => row[u]!)),
            lvl,
          ),
          krippendorffAlpha(data, lvl),
        ),
      ),
    );
  });

  it('ignores units with fewer than two values', () => {
    fc.assert(
      fc.property(reliabilityData(5), level, fc.integer({ min: 0, max: 5 }), (data, lvl, v) => {
        // Append one unit rated by the first rater only, and one rated by nobody.
        const padded = data.map((row, r) => [...row, r === 0 ? v : null, null]);
        return Object.is(krippendorffAlpha(padded, lvl), krippendorffAlpha(data, lvl));
      }),
    );
  });

  it('ordinal α depends only on the order of the values; nominal α only on which are equal', () => {
    fc.assert(
      fc.property(reliabilityData(5), (data) => {
        const increasing = data.map((row) => row.map((v) => (v === null ? null : 10 * v * v + 3)));
        const relabelled = data.map((row) => row.map((v) => (v === null ? null : [7, 1, 4, 0, 9, 2][v]!)));
        return (
          Object.is(krippendorffAlpha(increasing, 'ordinal'), krippendorffAlpha(data, 'ordinal')) &&
          Object.is(krippendorffAlpha(relabelled, 'nominal'), krippendorffAlpha(data, 'nominal'))
        );
      }),
    );
  });

  it('interval α is unchanged by shifting and scaling the values; ratio α by scaling', () => {
    fc.assert(
      fc.property(reliabilityData(5), (data) => {
        const affine = data.map((row) => row.map((v) => (v === null ? null : 2.5 * v - 40)));
        const scaled = data.map((row) => row.map((v) => (v === null ? null : 3 * v)));
        const close = (p: number, q: number) => (Number.isNaN(q) ? Number.isNaN(p) : Math.abs(p - q) < 1e-12);
        return (
          close(krippendorffAlpha(affine, 'interval'), krippendorffAlpha(data, 'interval')) &&
          close(krippendorffAlpha(scaled, 'ratio'), krippendorffAlpha(data, 'ratio'))
        );
      }),
    );
  });
});
