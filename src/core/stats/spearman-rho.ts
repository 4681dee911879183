import { averageRanks } from './average-ranks.ts';
import { assertComparableNumbers, assertSameLength } from './check-input.ts';

/**
 * Spearman's rank correlation ρ: the Pearson correlation of the ranks of x and of
 * y, tied values sharing their average rank. The same statistic as
 * `scipy.stats.spearmanr(x, y)` and R's `cor(x, y, method = "spearman")`. Without
 * ties it equals 1 − 6 Σd² / (n(n² − 1)); with ties that shortcut is wrong and is
 * not used. O(n log n).
 *
 * Edges (as for `kendallTauB`):
 * - `x` and `y` of different lengths: `RangeError`.
 * - an entry that is NaN or not a number: `RangeError`. ±Infinity rank as usual.
 * - n < 2, or x or y constant (all its ranks equal, so its rank variance is 0):
 *   `NaN`, because the correlation is 0/0 and says nothing. Callers show "n/a".
 *
 * @example spearmanRho([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) // 0.8207… (= 8/√95)
 */
export function spearmanRho(x: number[], y: number[]): number {
  assertSameLength('spearmanRho', ['x', 'y'], x, y);
  assertComparableNumbers('spearmanRho', 'x', x);
  assertComparableNumbers('spearmanRho', 'y', y);
  const n = x.length;
  if (n < 2) return NaN;

  const rx = averageRanks(x);
  const ry = averageRanks(y);
  // Both rank vectors have mean (n + 1)/2, a multiple of ½ like the ranks, so the
  // deviations, their products and (for n below ~10^5) the sums are exact.
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] as number) - mean;
    const dy = (ry[i] as number) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  // One root of the product, so that identical rankings give exactly 1 (see kendallTauB).
  const rho = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, rho));
}
