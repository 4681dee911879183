// Deliberately naive reference implementations, written straight from the textbook
// definitions and sharing no code with src/core/stats. The property tests compare
// the real implementations against these on random data.
import fc from 'fast-check';

/** Kendall's τ_b by the O(n²) definition: look at every pair. */
export function tauBByPairs(x: number[], y: number[]): number {
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0; // pairs tied in x (including those tied in y too)
  let tiedY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[j]! - x[i]!);
      const dy = Math.sign(y[j]! - y[i]!);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      if (dx * dy > 0) concordant++;
      if (dx * dy < 0) discordant++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((n0 - tiedX) * (n0 - tiedY));
  return denominator === 0 ? NaN : (concordant - discordant) / denominator;
}

/** Average rank of each value by counting: 1 + #smaller + (#equal − 1)/2. */
export function ranksByCounting(v: number[]): number[] {
  return v.map((a) => 1 + v.filter((b) => b < a).length + (v.filter((b) => b === a).length - 1) / 2);
}

/** Pearson correlation, the two-pass textbook formula. */
export function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

export function spearmanByDefinition(x: number[], y: number[]): number {
  return x.length < 2 ? NaN : pearson(ranksByCounting(x), ranksByCounting(y));
}

/**
 * Cohen's kappa from proportions, with agreement weights as in Cohen (1968) /
 * irr::kappa2: κ_w = (p_o(w) − p_e(w)) / (1 − p_e(w)), agreement weight 1 − d.
 */
export function kappaFromProportions(a: number[], b: number[], weights?: 'linear' | 'quadratic'): number {
  const categories = [...new Set([...a, ...b])].sort((p, q) => p - q);
  const k = categories.length;
  const n = a.length;
  const agreementWeight = (i: number, j: number): number => {
    if (weights === undefined) return i === j ? 1 : 0;
    const d = Math.abs(i - j) / (k - 1);
    return weights === 'linear' ? 1 - d : 1 - d * d;
  };
  const pa = categories.map((c) => a.filter((v) => v === c).length / n);
  const pb = categories.map((c) => b.filter((v) => v === c).length / n);
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const both = a.filter((v, item) => v === categories[i] && b[item] === categories[j]).length / n;
      po += agreementWeight(i, j) * both;
      pe += agreementWeight(i, j) * pa[i]! * pb[j]!;
    }
  }
  return (po - pe) / (1 - pe);
}

/** Fleiss' kappa, per-item agreement P_i averaged, as in Fleiss (1971). */
export function fleissByItems(counts: number[][]): number {
  const N = counts.length;
  const n = counts[0]!.reduce((s, c) => s + c, 0);
  const k = counts[0]!.length;
  const P = counts.map((row) => row.reduce((s, c) => s + c * (c - 1), 0) / (n * (n - 1)));
  const pBar = P.reduce((s, v) => s + v, 0) / N;
  let pe = 0;
  for (let j = 0; j < k; j++) {
    const p = counts.reduce((s, row) => s + row[j]!, 0) / (N * n);
    pe += p * p;
  }
  return (pBar - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha exactly as laid out in Krippendorff (2011): build the full
 * coincidence matrix from every ordered pair of values within each unit, weighted
 * 1/(m_u − 1), then α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 */
export function alphaByCoincidences(
  data: (number | null)[][],
  level: 'nominal' | 'ordinal' | 'interval' | 'ratio',
): number {
  const units = data[0]?.length ?? 0;
  const o = new Map<string, number>();
  for (let u = 0; u < units; u++) {
    const values = data.map((row) => row[u]).filter((v): v is number => v !== null && v !== undefined);
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const key = `${values[i]},${values[j]}`;
        o.set(key, (o.get(key) ?? 0) + 1 / (m - 1));
      }
  }
  const values = [...new Set([...o.keys()].map((key) => Number(key.split(',')[0])))].sort((p, q) => p - q);
  const nc = new Map(values.map((c) => [c, values.reduce((s, k) => s + (o.get(`${c},${k}`) ?? 0), 0)]));
  const n = values.reduce((s, c) => s + nc.get(c)!, 0);
  const delta2 = (c: number, k: number): number => {
    if (level === 'nominal') return c === k ? 0 : 1;
    if (level === 'interval') return (c - k) ** 2;
    if (level === 'ratio') return c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    const between = values.filter((g) => g >= lo && g <= hi).reduce((s, g) => s + nc.get(g)!, 0);
    return (between - (nc.get(c)! + nc.get(k)!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (const c of values)
    for (const k of values) {
      observed += (o.get(`${c},${k}`) ?? 0) * delta2(c, k);
      expected += nc.get(c)! * nc.get(k)! * delta2(c, k);
    }
  return expected === 0 ? NaN : 1 - ((n - 1) * observed) / expected;
}

/** Two arrays of the same length (minLength … maxLength) of integers in [lo, hi]. */
export function pairedIntegers(
  minLength: number,
  maxLength: number,
  lo: number,
  hi: number,
): fc.Arbitrary<[number[], number[]]> {
  return fc.integer({ min: minLength, max: maxLength }).chain((n) => {
    const values = fc.array(fc.integer({ min: lo, max: hi }), { minLength: n, maxLength: n });
    return fc.tuple(values, values);
  });
}

/** A permutation of 0 … n − 1. */
export function permutation(n: number): fc.Arbitrary<number[]> {
  const identity = Array.from({ length: n }, (_, i) => i);
  return fc.shuffledSubarray(identity, { minLength: n, maxLength: n });
}

/** a and b equal as numbers, or both NaN; treats 0 and −0 as equal (unlike Object.is). */
export function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** A small deterministic PRNG (mulberry32), so that the large fixed tests are reproducible. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
