import type { AnswerKey } from '../key/schema.ts';
import type { Result } from '../result/schema.ts';
import { kendallTauB } from '../stats/index.ts';

export interface ConsistencyScore {
  taskA: string;
  taskB: string;
  /** tau-b between the two rankings after mapping B's outputs onto A's. */
  tauB: number | null;
  /**
   * Mean Jaccard overlap of the categories marked on mapped outputs, over the outputs
   * where either answer marks something; null when neither marks anything anywhere.
   */
  categoryOverlap: number | null;
}

/** |A ∩ B| / |A ∪ B| of two sets of categories; null when both are empty (nothing to agree on). */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number | null {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? null : inter / union;
}

const firstTask = (result: Result, taskId: string) => result.tasks.find((t) => t.taskId === taskId);

/**
 * The same judgement on a repeated task. Two empty sets are not agreement (a
 * candidate who marks nothing anywhere would otherwise score full consistency), and
 * categories are read as sets (a category listed twice counts once).
 */
export function scoreConsistency(result: Result, pair: AnswerKey['consistencyPairs'][number]): ConsistencyScore {
  const a = firstTask(result, pair.taskA);
  const b = firstTask(result, pair.taskB);
  const base = { taskA: pair.taskA, taskB: pair.taskB };
  if (!a || !b) return { ...base, tauB: null, categoryOverlap: null };
  const ids = Object.keys(pair.outputMap);
  let tauB: number | null = null;
  if (a.ranking && b.ranking && ids.length >= 2) {
    // Position of each of A's outputs in A's ranking, and of its twin in B's ranking.
    const x = ids.map((id) => (a.ranking as string[]).indexOf(id));
    const y = ids.map((id) => (b.ranking as string[]).indexOf(pair.outputMap[id] as string));
    if (x.every((v) => v >= 0) && y.every((v) => v >= 0)) {
      const tau = kendallTauB(x, y);
      tauB = Number.isFinite(tau) ? Math.max(-1, Math.min(1, tau)) : null;
    }
  }
  const categoriesOf = (task: typeof a, outputId: string) =>
    new Set(task.outputs.find((o) => o.outputId === outputId)?.categories ?? []);
  const overlaps: number[] = [];
  for (const idA of ids) {
    const overlap = jaccard(categoriesOf(a, idA), categoriesOf(b, pair.outputMap[idA] as string));
    if (overlap !== null) overlaps.push(overlap);
  }
  return {
    ...base,
    tauB,
    categoryOverlap: overlaps.length === 0 ? null : overlaps.reduce((s, v) => s + v, 0) / overlaps.length,
  };
}
