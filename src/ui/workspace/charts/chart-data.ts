/**
 * The numbers behind the workspace's charts, apart from their drawing so they can
 * be tested: a histogram of composite scores, time against score, and per-task
 * difficulty. Candidates without a score (no answer key) are left out of each.
 */
import { visibleText, type CandidateRow, type TaskScore } from '../../../core/index.ts';

/** The parts of a workspace candidate the charts read. */
export interface ChartCandidate {
  attemptId: string;
  row: Pick<CandidateRow, 'name' | 'activeMs' | 'composite' | 'bundle'>;
  score: { tasks: readonly Pick<TaskScore, 'taskId' | 'title' | 'ranking' | 'errors'>[] } | null;
  file: { result: { bundle: { sha256: string } } };
}

export interface Bin {
  /** 0, 10, … 90: the bin holds scores from `from`% up to `from + 10`% (the last includes 100%). */
  from: number;
  to: number;
  count: number;
}

/** Ten bins of composite scores, 0–100%. */
export function compositeHistogram(candidates: readonly ChartCandidate[]): Bin[] {
  const bins: Bin[] = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: 0 }));
  for (const c of candidates) {
    const value = c.row.composite;
    if (value === null || !Number.isFinite(value)) continue;
    // The epsilon keeps 0.3 (stored as 0.29999…) in the 30–40% bin.
    const index = Math.min(9, Math.max(0, Math.floor(value * 10 + 1e-9)));
    (bins[index] as Bin).count++;
  }
  return bins;
}

export interface ScatterPoint {
  attemptId: string;
  name: string;
  minutes: number;
  /** 0–1. */
  composite: number;
}

/** One point per scored candidate: active minutes against composite, in order of time. */
export function timeScorePoints(candidates: readonly ChartCandidate[]): ScatterPoint[] {
  return candidates
    .filter((c) => c.row.composite !== null)
    .map((c) => ({
      attemptId: c.attemptId,
      name: visibleText(c.row.name),
      minutes: c.row.activeMs / 60_000,
      composite: c.row.composite as number,
    }))
    .sort((a, b) => a.minutes - b.minutes || a.composite - b.composite);
}

export interface TaskDifficulty {
  /** Bundle hash and task id: tasks of two bundles never merge. */
  key: string;
  taskId: string;
  title: string;
  bundle: string;
  /** Mean over candidates with a value; null when none has one. */
  pairwiseAccuracy: number | null;
  errorRecall: number | null;
  /** Candidates scored on this task. */
  candidates: number;
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

/** Mean pairwise ranking accuracy and mean error recall per task, in the order tasks first appear. */
export function taskDifficulty(candidates: readonly ChartCandidate[]): TaskDifficulty[] {
  const groups = new Map<
    string,
    {
      task: Omit<TaskDifficulty, 'pairwiseAccuracy' | 'errorRecall' | 'candidates'>;
      accuracy: number[];
      recall: number[];
      n: number;
    }
  >();
  for (const c of candidates) {
    if (!c.score) continue;
    for (const task of c.score.tasks) {
      const key = `${c.file.result.bundle.sha256}:${task.taskId}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          task: { key, taskId: task.taskId, title: task.title, bundle: c.row.bundle },
          accuracy: [],
          recall: [],
          n: 0,
        };
        groups.set(key, group);
      }
      group.n++;
      if (task.ranking.pairwiseAccuracy !== null) group.accuracy.push(task.ranking.pairwiseAccuracy);
      if (task.errors.recall !== null) group.recall.push(task.errors.recall);
    }
  }
  return [...groups.values()].map((g) => ({
    ...g.task,
    pairwiseAccuracy: mean(g.accuracy),
    errorRecall: mean(g.recall),
    candidates: g.n,
  }));
}

/** A round upper bound for an axis: 37 → 40, 4.2 → 5, 0 → `fallback`. */
export function niceMax(value: number, fallback = 10): number {
  if (!(value > 0)) return fallback;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/** `count` + 1 evenly spaced ticks from 0 to `max`: (40, 4) → [0, 10, 20, 30, 40]. */
export function ticks(max: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}
