import { describeValue } from './check-input.ts';

/**
 * Fleiss' kappa (Fleiss 1971) for N items each rated by the same number n ≥ 2 of
 * raters (not necessarily the same people) into k categories. `counts[i][j]` is
 * the number of raters who put item i in category j, so every row sums to n.
 *
 *     P_i = (Σ_j n_ij² − n) / (n(n − 1))   agreement on item i (share of agreeing rater pairs)
 *     P̄   = mean of P_i
 *     p_j = Σ_i n_ij / (N·n)               share of all ratings in category j
 *     P̄_e = Σ_j p_j²
 *     κ   = (P̄ − P̄_e) / (1 − P̄_e)
 *
 * Same result as R's `irr::kappam.fleiss` and statsmodels' `fleiss_kappa` (on the
 * items × categories table).
 *
 * Edges:
 * - rows of different lengths, no categories, a cell that is not a non-negative
 *   integer, or rows that do not all sum to the same n ≥ 2: `RangeError` naming the
 *   row.
 * - no items: `NaN`.
 * - P̄_e = 1, which happens only when every rating of every item is in one and the
 *   same category (so P̄ = 1 as well): 1, as for `cohenKappa`: the formula is 0/0
 *   but the raters agreed throughout.
 * Otherwise κ ≤ 1, exactly 1 when every item's raters are unanimous; below 0 when
 * raters agree less than chance would have them.
 *
 * Computed over integer counts (exact below 2^53) with a single division at the
 * end, so the result does not depend on the order of items or of categories.
 */
export function fleissKappa(counts: number[][]): number {
  if (!Array.isArray(counts)) throw new RangeError('fleissKappa: counts must be an array of rows (one per item).');
  const items = counts.length;
  if (items === 0) return NaN;

  const first = counts[0];
  const k = Array.isArray(first) ? first.length : 0;
  if (k === 0) throw new RangeError('fleissKappa: counts[0] must be an array with one count per category.');
  let raters = -1;
  const categoryTotals = new Array<number>(k).fill(0);
  // Σ_i Σ_j n_ij²
  let sumSquares = 0;
  for (let i = 0; i < items; i++) {
    const row = counts[i];
    if (!Array.isArray(row) || row.length !== k)
      throw new RangeError(
        `fleissKappa: counts[${i}] must have ${k} counts, one per category, like counts[0]` +
          (Array.isArray(row) ? ` (found ${row.length}).` : '.'),
      );
    let total = 0;
    for (let j = 0; j < k; j++) {
      const c: unknown = row[j];
      if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 0)
        throw new RangeError(
          `fleissKappa: counts[${i}][${j}] must be a whole number of raters (0 or more), not ${describeValue(c)}.`,
        );
      total += c;
      sumSquares += c * c;
      categoryTotals[j]! += c;
    }
    if (i === 0) {
      if (total < 2)
        throw new RangeError(
          `fleissKappa: each item needs at least 2 ratings to measure agreement; counts[0] sums to ${total}.`,
        );
      raters = total;
    } else if (total !== raters)
      throw new RangeError(
        `fleissKappa: every item must be rated by the same number of raters; counts[0] sums to ${raters} ` +
          `but counts[${i}] sums to ${total}.`,
      );
  }

  // With R = N·n ratings in all, S = Σ n_ij² and T = Σ_j (column total)²:
  //   P̄ = (S − R) / (R(n − 1)),  P̄_e = T / R²,
  //   κ = [(S − R)·R − (n − 1)·T] / [(n − 1)·(R² − T)],
  // every term an integer.
  const n = raters;
  const ratings = items * n;
  let totalSquares = 0;
  for (const t of categoryTotals) totalSquares += t * t;
  const denominator = (n - 1) * (ratings * ratings - totalSquares);
  // R² = T only when all ratings fall in one category (and then S = N·n², so the
  // numerator is 0 as well).
  if (denominator === 0) return 1;
  return ((sumSquares - ratings) * ratings - (n - 1) * totalSquares) / denominator;
}
