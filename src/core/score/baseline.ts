import type { Bundle } from '../bundle/schema.ts';
import type { AnswerKey } from '../key/schema.ts';
import { countOutput, f1Of, indexFor, NO_ISSUES, type ErrorCounts } from './output-key.ts';

export interface ContentFreeBaseline {
  /** The best F1 a strategy that reads no output could get on this key. */
  f1: number | null;
  /** That strategy, in words. */
  strategy: string;
}

const cache = new WeakMap<AnswerKey, WeakMap<Bundle, ContentFreeBaseline>>();

/**
 * What error identification is worth without reading: the best F1 of the strategies
 * that ignore the text — every category on every output, or one category on every
 * output but the best (as the gold ranking's first tier says; a candidate who ranks
 * well knows it). A candidate's F1 means something only above this line: on a key
 * whose issues are mostly of one category it is high, and the key should change.
 */
export function contentFreeBaseline(bundle: Bundle, key: AnswerKey): ContentFreeBaseline {
  let byBundle = cache.get(key);
  if (!byBundle) cache.set(key, (byBundle = new WeakMap()));
  const cached = byBundle.get(bundle);
  if (cached) return cached;
  const index = indexFor(bundle, key);
  const f1For = (marked: (taskId: string, outputId: string) => readonly string[]): number | null => {
    const counts: ErrorCounts = { knownIssues: 0, found: 0, marks: 0, falseAlarms: 0 };
    for (const task of bundle.tasks) {
      const outputs = index.outputs.get(task.id);
      if (!index.keys.has(task.id)) continue;
      for (const output of task.outputs)
        countOutput(outputs?.get(output.id) ?? NO_ISSUES, marked(task.id, output.id), counts);
    }
    return f1Of(counts);
  };
  const all = bundle.taxonomy.map((c) => c.id);
  const none: string[] = [];
  let best: ContentFreeBaseline = { f1: f1For(() => all), strategy: 'every category on every output' };
  for (const category of bundle.taxonomy) {
    const one = [category.id];
    const f1 = f1For((taskId, outputId) => (index.tiers.get(taskId)?.get(outputId) === 0 ? none : one));
    if (f1 !== null && (best.f1 === null || f1 > best.f1))
      best = { f1, strategy: `"${category.label}" on every output but the best` };
  }
  byBundle.set(bundle, best);
  return best;
}
