import { assertComparableNumbers, assertSameLength } from './check-input.ts';

/**
 * Kendall's rank correlation τ_b (Kendall 1945), which corrects τ for ties:
 *
 *     τ_b = (n_c − n_d) / √((n_0 − n_1) · (n_0 − n_2))
 *
 * n_c, n_d: concordant and discordant pairs; n_0 = n(n − 1)/2 pairs in all;
 * n_1, n_2: pairs tied in x, in y (a pair tied in both counts in each). Without
 * ties this is Kendall's original τ_a. The same statistic as
 * `scipy.stats.kendalltau(x, y)` (variant 'b', the default) and R's
 * `cor(x, y, method = "kendall")`.
 *
 * Runs in O(n log n) with Knight's (1966) algorithm, as scipy does; see below. Short
 * inputs (scoring calls this for every task of every candidate, with about five
 * outputs) count the pairs directly instead, which is faster there and gives the
 * same integer counts, so the same τ_b.
 *
 * Edges:
 * - `x` and `y` of different lengths: `RangeError` (the values are paired by position).
 * - an entry that is NaN or not a number: `RangeError`. ±Infinity rank as usual.
 * - n < 2, or x or y constant (n_0 − n_1 = 0 or n_0 − n_2 = 0, i.e. no pair is
 *   untied in that variable): `NaN`. No pair can show an order there, so the
 *   coefficient is 0/0: the data say nothing about association, and any number
 *   (0 included) would claim they do. Callers show "n/a".
 *
 * @example kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) // −0.4714… (= −√2/3)
 */
export function kendallTauB(x: number[], y: number[]): number {
  assertSameLength('kendallTauB', ['x', 'y'], x, y);
  assertComparableNumbers('kendallTauB', 'x', x);
  assertComparableNumbers('kendallTauB', 'y', y);
  const n = x.length;
  if (n < 2) return NaN;
  const { n1, n2, n3, nd } = n <= SMALL_N ? countPairs(x, y) : countByKnight(x, y);

  const n0 = pairs(n);
  const untiedX = n0 - n1;
  const untiedY = n0 - n2;
  if (untiedX === 0 || untiedY === 0) return NaN;
  const s = n0 - n1 - n2 + n3 - 2 * nd;
  // One square root of the product: when x and y agree perfectly, s = untiedX =
  // untiedY and √(s·s) gives s back exactly, so τ_b is exactly 1 (two roots
  // multiplied could give 0.9999999999999999).
  const tau = s / Math.sqrt(untiedX * untiedY);
  // |s| ≤ √(untiedX · untiedY) holds exactly; keep rounding from stepping past ±1.
  return Math.max(-1, Math.min(1, tau));
}

/**
 * The tie and discordance counts: n_1, n_2 pairs tied in x, in y; n_3 tied in both;
 * n_d discordant. Both ways below give the same integers.
 */
interface PairCounts {
  n1: number;
  n2: number;
  n3: number;
  nd: number;
}

// Up to this many values, looking at every pair beats sorting and allocating.
const SMALL_N = 16;

/** The O(n²) definition: every pair i < j. */
function countPairs(x: number[], y: number[]): PairCounts {
  const n = x.length;
  let n1 = 0;
  let n2 = 0;
  let n3 = 0;
  let nd = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    for (let j = i + 1; j < n; j++) {
      const xj = x[j] as number;
      const yj = y[j] as number;
      if (xi === xj) {
        n1++;
        if (yi === yj) {
          n2++;
          n3++;
        }
      } else if (yi === yj) n2++;
      else if (xi < xj !== yi < yj) nd++;
    }
  }
  return { n1, n2, n3, nd };
}

/** Knight's algorithm, O(n log n). */
function countByKnight(x: number[], y: number[]): PairCounts {
  const n = x.length;
  // Knight's algorithm.
  //
  // 1. Sort the pairs by x, breaking ties in x by y. Walking the sorted pairs gives
  //    n_1 (runs of equal x) and n_3, the pairs tied in both x and y (runs of equal
  //    (x, y)), from run lengths t as Σ t(t − 1)/2.
  // 2. Now take the y values in that order. A pair i < j is discordant exactly when
  //    x_i < x_j and y_i > y_j; equal x never gives y_i > y_j, because step 1 put
  //    those in ascending y. So n_d is the number of inversions (i < j with
  //    y_i > y_j, strictly) of this sequence, which a merge sort counts as it goes:
  //    when an element of the right half is placed before elements still waiting in
  //    the left half, each of those forms an inversion with it.
  // 3. The merge sort leaves y sorted; its runs give n_2.
  // 4. Every pair is concordant, discordant, tied in x only, in y only, or in both,
  //    so n_c + n_d = n_0 − n_1 − n_2 + n_3, and n_c − n_d = that − 2·n_d.
  //
  // All counts are integers (exact in doubles up to 2^53, i.e. n up to ~10^8).
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => compare(x[i] as number, x[j] as number) || compare(y[i] as number, y[j] as number));

  let n1 = 0;
  let n3 = 0;
  let xRun = 1;
  let xyRun = 1;
  for (let k = 1; k < n; k++) {
    const prev = order[k - 1] as number;
    const cur = order[k] as number;
    if (x[prev] === x[cur]) {
      xRun++;
      if (y[prev] === y[cur]) xyRun++;
      else {
        n3 += pairs(xyRun);
        xyRun = 1;
      }
    } else {
      n1 += pairs(xRun);
      n3 += pairs(xyRun);
      xRun = 1;
      xyRun = 1;
    }
  }
  n1 += pairs(xRun);
  n3 += pairs(xyRun);

  const ys = Float64Array.from(order, (i) => y[i] as number);
  const nd = sortCountingInversions(ys);

  let n2 = 0;
  let yRun = 1;
  for (let k = 1; k < n; k++) {
    if (ys[k - 1] === ys[k]) yRun++;
    else {
      n2 += pairs(yRun);
      yRun = 1;
    }
  }
  n2 += pairs(yRun);
  return { n1, n2, n3, nd };
}

function pairs(t: number): number {
  return (t * (t - 1)) / 2;
}

function compare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts `values` ascending in place (bottom-up merge sort) and returns the number
 * of inversions, pairs i < j with values[i] > values[j]. Equal values are not
 * inversions (the merge takes from the left half on ties).
 */
function sortCountingInversions(values: Float64Array): number {
  const n = values.length;
  let src: Float64Array = values;
  let dst: Float64Array = new Float64Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const left = src[i] as number;
        const right = src[j] as number;
        if (right < left) {
          dst[k++] = right;
          j++;
          inversions += mid - i;
        } else {
          dst[k++] = left;
          i++;
        }
      }
      while (i < mid) dst[k++] = src[i++] as number;
      while (j < hi) dst[k++] = src[j++] as number;
    }
    [src, dst] = [dst, src];
  }
  if (src !== values) values.set(src);
  return inversions;
}
