/**
 * The figures `npm run validity` prints, from scores the real scorer made. The
 * statistics are the core's (spearmanRho, cronbachAlpha); this file only pairs
 * values up and drops what is not measurable.
 */
import { cronbachAlpha, spearmanRho, type CandidateScore, type CompositePart } from '../../src/core/index.ts';

export type PartId = CompositePart['id'];
export const PART_IDS: readonly PartId[] = ['ranking', 'errorIdentification', 'consistency', 'critique'];

export const partValue = (score: CandidateScore, id: PartId): number | null =>
  score.parts.find((p) => p.id === id)?.value ?? null;

/** Spearman's ρ over the pairs where both values are known; NaN with fewer than 2 pairs. */
export function rankCorrelation(
  x: readonly (number | null)[],
  y: readonly (number | null)[],
): { rho: number; n: number } {
  const a: number[] = [];
  const b: number[] = [];
  x.forEach((v, i) => {
    const w = y[i];
    if (v !== null && w !== null && w !== undefined) {
      a.push(v);
      b.push(w);
    }
  });
  return { rho: a.length < 2 ? NaN : spearmanRho(a, b), n: a.length };
}

/**
 * Percentile of `value` among `population`: the share below it, counting ties as
 * half (the mid-rank convention), in 0–100.
 */
export function percentileAmong(population: readonly number[], value: number): number {
  if (population.length === 0) return NaN;
  let below = 0;
  let equal = 0;
  for (const p of population) {
    if (p < value) below++;
    else if (p === value) equal++;
  }
  return (100 * (below + equal / 2)) / population.length;
}

/** The q-quantile (0–1) of the values by linear interpolation between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** F1 of one task's marks, as the composite's error-identification part combines recall and precision. */
function taskF1(recall: number | null, precision: number | null): number | null {
  if (recall === null) return null;
  if (precision === null || recall + precision === 0) return 0;
  return (2 * recall * precision) / (recall + precision);
}

/**
 * Each task's score: the mean of the part values measurable on that task alone
 * (pairwise ranking accuracy, F1 of the marks, and the reviewer grade mapped to
 * 0–1 when `withReviews`). Consistency spans two tasks, so it is left out.
 */
export function taskScores(score: CandidateScore, withReviews: boolean): (number | null)[] {
  return score.tasks.map((t) => {
    const values = [
      t.ranking.pairwiseAccuracy,
      taskF1(t.errors.recall, t.errors.precision),
      withReviews && t.reviewScore !== null ? (t.reviewScore - 1) / 3 : null,
    ].filter((v): v is number => v !== null);
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  });
}

/** Cronbach's alpha of subjects × items, dropping subjects with a missing item (listwise). */
export function alphaAcross(rows: readonly (number | null)[][]): { alpha: number; n: number; items: number } {
  const complete = rows.filter((r) => r.every((v) => v !== null)) as number[][];
  return {
    alpha: complete.length < 2 ? NaN : cronbachAlpha(complete),
    n: complete.length,
    items: rows[0]?.length ?? 0,
  };
}

/** Mean of the known values; null when none is. */
export function meanOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}
