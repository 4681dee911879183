import { describeValue } from './check-input.ts';

/**
 * Cronbach's coefficient alpha (Cronbach 1951, "Coefficient alpha and the internal
 * structure of tests", Psychometrika 16: 297–334): how consistently k items (here,
 * the tasks of an exercise) measure one thing across subjects (candidates),
 *     α = k / (k − 1) · (1 − Σ_i s_i² / s_T²)
 * with s_i² the sample variance of item i and s_T² that of each subject's total.
 * s_T² = Σ_i Σ_j c_ij, the sum of the whole covariance matrix, so this is the same
 * statistic as StatsBase.jl's `cronbachalpha(cov(X))`, R's `psych::alpha(X)$total$raw_alpha`
 * and `pingouin.cronbach_alpha(X)` on complete data. The divisor of the variances
 * (n or n − 1) cancels in the ratio.
 *
 * `scores[s][i]` is subject s's score on item i; every row must be complete
 * (drop subjects with a missing item first: listwise deletion).
 *
 * Edges:
 * - rows of different lengths, or an entry that is not a finite number: `RangeError`.
 * - fewer than 2 subjects or 2 items, or totals that do not vary (s_T² = 0): `NaN`,
 *   because the ratio is 0/0 or undefined and says nothing. Callers show "n/a".
 * Otherwise α ≤ 1; it is negative when the items vary more within subjects than
 * the totals vary between them.
 */
export function cronbachAlpha(scores: number[][]): number {
  if (!Array.isArray(scores)) throw new RangeError('cronbachAlpha: scores must be an array of rows (one per subject).');
  const n = scores.length;
  const k = n === 0 || !Array.isArray(scores[0]) ? 0 : (scores[0] as number[]).length;
  for (let s = 0; s < n; s++) {
    const row = scores[s];
    if (!Array.isArray(row) || row.length !== k)
      throw new RangeError(
        `cronbachAlpha: every subject's row must have one score per item (${k}, like scores[0]); ` +
          `scores[${s}] ${Array.isArray(row) ? `has ${row.length}` : 'is not an array'}. Drop subjects with a missing item.`,
      );
    for (let i = 0; i < k; i++) {
      const v: unknown = row[i];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new RangeError(`cronbachAlpha: scores[${s}][${i}] must be a finite number, not ${describeValue(v)}.`);
    }
  }
  if (n < 2 || k < 2) return NaN;

  // Centre on the means first: sums of squared deviations are then accurate even
  // when the scores are large and close together. The totals are centred on their
  // own mean (not summed from the items' deviations), so that equal totals give
  // exactly 0 and NaN rather than a huge number made of rounding error.
  const means = new Array<number>(k).fill(0);
  const totals = new Array<number>(n).fill(0);
  for (let s = 0; s < n; s++) {
    const row = scores[s] as number[];
    for (let i = 0; i < k; i++) {
      means[i]! += row[i] as number;
      totals[s]! += row[i] as number;
    }
  }
  for (let i = 0; i < k; i++) means[i]! /= n;
  let itemSum = 0;
  for (const row of scores)
    for (let i = 0; i < k; i++) {
      const d = (row[i] as number) - (means[i] as number);
      itemSum += d * d;
    }
  const meanTotal = totals.reduce((a, b) => a + b, 0) / n;
  let totalSum = 0;
  for (const t of totals) totalSum += (t - meanTotal) * (t - meanTotal);
  if (!(totalSum > 0)) return NaN;
  return (k / (k - 1)) * (1 - itemSum / totalSum);
}
