import { describeValue } from './check-input.ts';

export type KrippendorffLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * Krippendorff's alpha, α = 1 − D_o / D_e, for any number of raters (coders) with
 * missing data, by the coincidence-matrix method of Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability" (Annenberg School for
 * Communication Departmental Papers 43).
 *
 * `data[r][u]` is the value rater r gave unit u, or `null` if r did not rate u.
 * A unit with fewer than 2 values has nothing to compare and is dropped, values
 * and all (they do not count in n below).
 *
 * With m_u the number of values in unit u, the coincidence matrix counts every
 * ordered pair of values (from different raters) within a unit:
 *     o_ck = Σ_u (number of ordered pairs (c, k) in unit u) / (m_u − 1)
 *     n_c  = Σ_k o_ck (how often value c occurs among the pairable values),  n = Σ_c n_c
 *     α    = 1 − (n − 1) · Σ_{c,k} o_ck δ²(c,k) / Σ_{c,k} n_c n_k δ²(c,k)
 * with the difference function δ² of the level of measurement:
 *     nominal   0 if c = k, else 1
 *     ordinal   (Σ_{g = c…k} n_g − (n_c + n_k)/2)², g running over the values
 *               between c and k in numeric order (only their rank matters)
 *     interval  (c − k)²
 *     ratio     ((c − k)/(c + k))²   (values must be ≥ 0; δ²(0, 0) = 0)
 * This reproduces the four values of the paper's worked example (see the tests).
 *
 * Edges:
 * - rows of different lengths, a value that is not a finite number or `null`, an
 *   unknown level, or a negative value at the ratio level: `RangeError`.
 * - no raters or units, no unit with 2 or more values, or no variation among the
 *   pairable values (D_e = 0, e.g. every rater always gave the same value):
 *   `NaN`. α is 0/0 there: with nothing to tell apart, agreement cannot be told
 *   from chance (returning 1 would report reliability that was never tested).
 *   Callers show "n/a".
 * Otherwise α ≤ 1, exactly 1 when every unit's values agree; 0 means agreement
 * at chance level; below 0, systematic disagreement.
 *
 * Pairs are counted in integers and summed in a fixed order, so the result does
 * not depend on the order of the raters or of the units. Time O(Σ_u m_u² + V²) for
 * V distinct values, so a few thousand distinct interval values are fine.
 */
export function krippendorffAlpha(data: (number | null)[][], level: KrippendorffLevel): number {
  if (level !== 'nominal' && level !== 'ordinal' && level !== 'interval' && level !== 'ratio')
    throw new RangeError(
      `krippendorffAlpha: level must be 'nominal', 'ordinal', 'interval' or 'ratio', not ${describeValue(level)}.`,
    );
  if (!Array.isArray(data)) throw new RangeError('krippendorffAlpha: data must be an array of rows (one per rater).');
  const raters = data.length;
  if (raters === 0) return NaN;
  const first = data[0];
  const units = Array.isArray(first) ? first.length : 0;
  for (let r = 0; r < raters; r++) {
    const row = data[r];
    if (!Array.isArray(row) || row.length !== units)
      throw new RangeError(
        `krippendorffAlpha: every rater's row must have one entry per unit (${units}, like data[0]); ` +
          `data[${r}] ${Array.isArray(row) ? `has ${row.length}` : 'is not an array'}. Use null for a missing value.`,
      );
    for (let u = 0; u < units; u++) {
      const v: unknown = row[u];
      if (v === null) continue;
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new RangeError(
          `krippendorffAlpha: data[${r}][${u}] must be a finite number, or null when missing, not ${describeValue(v)}.`,
        );
      if (level === 'ratio' && v < 0)
        throw new RangeError(`krippendorffAlpha: the ratio level needs values ≥ 0; data[${r}][${u}] is ${v}.`);
    }
  }

  // The values of each pairable unit.
  const pairable: number[][] = [];
  for (let u = 0; u < units; u++) {
    const values: number[] = [];
    for (let r = 0; r < raters; r++) {
      const v = (data[r] as (number | null)[])[u];
      if (v !== null && v !== undefined) values.push(v);
    }
    if (values.length >= 2) pairable.push(values);
  }

  // The distinct values, ascending, and n_c: how often each occurs (integers).
  const distinct = [...new Set(pairable.flat())].sort((p, q) => p - q);
  const V = distinct.length;
  const index = new Map(distinct.map((v, i) => [v, i]));
  const valueCounts = new Array<number>(V).fill(0);
  for (const values of pairable) for (const v of values) valueCounts[index.get(v) as number]!++;
  let n = 0;
  for (const c of valueCounts) n += c;

  // Observed coincidences off the diagonal (δ² is 0 on it), c < k, grouped by m_u:
  // pairCounts[m][c·V + k] = Σ over units with m values of n_uc · n_uk. Integers, so
  // exact whatever the order of units; the divisions by m − 1 come later.
  const pairCounts = new Map<number, Map<number, number>>();
  for (const values of pairable) {
    const m = values.length;
    const inUnit = new Map<number, number>();
    for (const v of values) {
      const c = index.get(v) as number;
      inUnit.set(c, (inUnit.get(c) ?? 0) + 1);
    }
    if (inUnit.size < 2) continue;
    let byPair = pairCounts.get(m);
    if (byPair === undefined) pairCounts.set(m, (byPair = new Map()));
    const present = [...inUnit.keys()].sort((p, q) => p - q);
    for (let i = 0; i < present.length; i++) {
      const c = present[i] as number;
      for (let j = i + 1; j < present.length; j++) {
        const k = present[j] as number;
        const key = c * V + k;
        byPair.set(key, (byPair.get(key) ?? 0) + (inUnit.get(c) as number) * (inUnit.get(k) as number));
      }
    }
  }

  const delta2 = differenceFunction(level, distinct, valueCounts);

  // Σ o_ck δ²(c,k) and Σ n_c n_k δ²(c,k), both over c < k only: the matrices are
  // symmetric, so the factor 2 of the full sums cancels in the ratio.
  let observed = 0;
  for (const m of [...pairCounts.keys()].sort((p, q) => p - q)) {
    const byPair = pairCounts.get(m) as Map<number, number>;
    let sum = 0;
    for (const key of [...byPair.keys()].sort((p, q) => p - q)) {
      const c = Math.floor(key / V);
      sum += (byPair.get(key) as number) * delta2(c, key - c * V);
    }
    observed += sum / (m - 1);
  }
  let expected = 0;
  for (let c = 0; c < V; c++)
    for (let k = c + 1; k < V; k++) expected += (valueCounts[c] as number) * (valueCounts[k] as number) * delta2(c, k);

  if (!(expected > 0)) return NaN;
  return 1 - ((n - 1) * observed) / expected;
}

/** δ²(c, k) for value indices c < k into `values` (ascending), n_c = `counts`. */
function differenceFunction(
  level: KrippendorffLevel,
  values: readonly number[],
  counts: readonly number[],
): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return () => 1;
    case 'interval':
      return (c, k) => {
        const d = (values[c] as number) - (values[k] as number);
        return d * d;
      };
    case 'ratio':
      return (c, k) => {
        const vc = values[c] as number;
        const vk = values[k] as number;
        // c < k and all values ≥ 0, so vc + vk > 0.
        const d = (vc - vk) / (vc + vk);
        return d * d;
      };
    case 'ordinal': {
      // below[i] = Σ_{g < i} n_g, so Σ_{g = c…k} n_g = below[k + 1] − below[c].
      const below = [0];
      for (const count of counts) below.push((below[below.length - 1] as number) + count);
      return (c, k) => {
        const d = (below[k + 1] as number) - (below[c] as number) - ((counts[c] as number) + (counts[k] as number)) / 2;
        return d * d;
      };
    }
  }
}
