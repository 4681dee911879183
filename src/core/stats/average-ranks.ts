/**
 * Ranks 1…n of `values` (ascending), tied values sharing the mean of the ranks
 * they span ("fractional" or "average" ranks, as `scipy.stats.rankdata` with
 * method='average'): [10, 20, 20, 30] → [1, 2.5, 2.5, 4]. Every rank is a multiple
 * of ½, so it and sums of its products stay exact in doubles. Callers have
 * already rejected NaN.
 */
export function averageRanks(values: readonly number[]): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => {
    const a = values[i] as number;
    const b = values[j] as number;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end] as number] === values[order[start] as number]) end++;
    // Positions start … end − 1 (0-based) hold ranks start + 1 … end: their mean.
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    start = end;
  }
  return ranks;
}
