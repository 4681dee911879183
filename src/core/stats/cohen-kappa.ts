import { assertSameLength, describeValue } from './check-input.ts';

/**
 * Cohen's kappa for two raters who each put the same n items into categories:
 *
 *     κ = (p_o − p_e) / (1 − p_e)
 *
 * p_o: share of items both raters put in the same category; p_e: the share
 * expected by chance, Σ_k p_a(k) · p_b(k), from each rater's own category shares
 * (Cohen 1960). Item i is rated `a[i]` by one rater and `b[i]` by the other.
 * Same result as `sklearn.metrics.cohen_kappa_score(a, b)` and R's
 * `irr::kappa2(cbind(a, b))`.
 *
 * With `weights` the categories are ordered and near misses count as partial
 * agreement (Cohen 1968): κ_w = 1 − Σ w_ij·o_ij / Σ w_ij·e_ij, with o_ij and e_ij the
 * observed and chance-expected shares of items that rater a put in category i and
 * rater b in category j, and disagreement weights
 *   'linear':    w_ij = |i − j| / (k − 1)
 *   'quadratic': w_ij = ((i − j) / (k − 1))²
 * where i, j are positions 0…k−1 in the ordered list of the k categories. Same as
 * sklearn's `weights='linear' | 'quadratic'` and irr's `kappa2(…, "equal" | "squared")`.
 *
 * Categories:
 * - The categories are the distinct values found in `a` or `b` (as sklearn and irr
 *   do without an explicit label list). A value of the scale that neither rater
 *   used takes no position, so with weights, ratings 1, 2 and 5 on a 1–5 scale sit
 *   at positions 0, 1, 2: map the scale's values onto 0…k−1 yourself if you need
 *   the gaps.
 * - Values are compared with SameValueZero: 1 and "1" are different categories.
 * - Order (used only with weights): numbers by value; strings in natural order,
 *   that is runs of digits compared by their numeric value and everything else
 *   by UTF-16 code unit (so "2 - fair" < "10 - superb", and "B" < "a"; it does not
 *   know that "low" < "medium" < "high": prefix such labels with numbers or pass
 *   numbers). Numbers and strings mixed in one weighted call: `RangeError`, as no
 *   order between them is meaningful.
 *
 * Edges:
 * - `a` and `b` of different lengths: `RangeError`; an entry that is not a string
 *   or a number, or is NaN: `RangeError`.
 * - no items: `NaN` (nothing to measure).
 * - p_e = 1, which happens only when both raters put every item in one and the
 *   same category (so p_o = 1 as well): 1. The formula is 0/0 there, but the
 *   raters did agree on every item, and callers want that shown as agreement.
 * Otherwise κ ≤ 1, exactly 1 when a and b agree on every item; unweighted and
 * quadratic κ are ≥ −1.
 *
 * The sums are of integer counts (exact below 2^53), and only the last step
 * rounds, so the result does not depend on which rater is `a`.
 */
export function cohenKappa(a: (string | number)[], b: (string | number)[], weights?: 'linear' | 'quadratic'): number {
  assertSameLength('cohenKappa', ['a', 'b'], a, b);
  if (weights !== undefined && weights !== 'linear' && weights !== 'quadratic')
    throw new RangeError(
      `cohenKappa: weights must be 'linear', 'quadratic' or left out, not ${describeValue(weights)}.`,
    );
  checkLabels('a', a);
  checkLabels('b', b);
  const n = a.length;
  if (n === 0) return NaN;

  const categories = orderCategories([...new Set([...a, ...b])], weights !== undefined);
  const k = categories.length;
  const index = new Map<string | number, number>(categories.map((c, i) => [c, i]));
  const rowTotals = new Array<number>(k).fill(0);
  const colTotals = new Array<number>(k).fill(0);
  const observed = new Array<number>(k * k).fill(0);
  for (let item = 0; item < n; item++) {
    const i = index.get(a[item] as string | number) as number;
    const j = index.get(b[item] as string | number) as number;
    rowTotals[i]!++;
    colTotals[j]!++;
    observed[i * k + j]!++;
  }

  // κ_w = 1 − (Σ w·o) / (Σ w·e) with o = count / n and e = rowTotal·colTotal / n².
  // Scaling every weight by the same factor cancels, so use the integer weights
  // |i − j| and (i − j)² (and 0/1 without weights, which gives Cohen's κ:
  // 1 − (1 − p_o)/(1 − p_e) = (p_o − p_e)/(1 − p_e)). Then
  // κ_w = 1 − n·Σ w·count / Σ w·rowTotal·colTotal, all integers.
  let disagreement = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const w = weights === 'linear' ? Math.abs(i - j) : weights === 'quadratic' ? (i - j) * (i - j) : 1;
      disagreement += w * (observed[i * k + j] as number);
      expected += w * (rowTotals[i] as number) * (colTotals[j] as number);
    }
  }
  // expected = 0 only when both raters used one and the same category (k = 1).
  if (expected === 0) return 1;
  return 1 - (n * disagreement) / expected;
}

function checkLabels(name: string, values: readonly unknown[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string') continue;
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new RangeError(
        `cohenKappa: ${name}[${i}] must be a category (a string or a number), not ${describeValue(v)}.`,
      );
  }
}

/** Numbers ascending, then strings in natural order (see cohenKappa). */
function orderCategories(categories: (string | number)[], weighted: boolean): (string | number)[] {
  const numbers = categories.filter((c): c is number => typeof c === 'number').sort((p, q) => p - q);
  const strings = categories.filter((c): c is string => typeof c === 'string').sort(naturalCompare);
  if (weighted && numbers.length > 0 && strings.length > 0)
    throw new RangeError(
      `cohenKappa: weighted kappa needs ordered categories, but the ratings mix numbers (${numbers[0]}) ` +
        `and strings (${JSON.stringify(strings[0])}); use one or the other.`,
    );
  return [...numbers, ...strings];
}

/**
 * Natural order: "item 2" < "item 10". Splits into runs of ASCII digits and runs of
 * anything else; digit runs compare by numeric value (as digit strings, so any
 * length works), other runs by UTF-16 code unit. Strings that compare equal that
 * way ("01" and "1") fall back to plain code-unit order, so the order is total.
 */
function naturalCompare(p: string, q: string): number {
  const ps = p.match(/\d+|\D+/g) ?? [];
  const qs = q.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ps.length, qs.length); i++) {
    const s = ps[i] as string;
    const t = qs[i] as string;
    if (s === t) continue;
    if (isDigits(s) && isDigits(t)) {
      const sv = s.replace(/^0+(?=\d)/, '');
      const tv = t.replace(/^0+(?=\d)/, '');
      if (sv.length !== tv.length) return sv.length - tv.length;
      if (sv !== tv) return sv < tv ? -1 : 1;
      continue;
    }
    return s < t ? -1 : 1;
  }
  if (ps.length !== qs.length) return ps.length - qs.length;
  return p < q ? -1 : p > q ? 1 : 0;
}

function isDigits(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}
