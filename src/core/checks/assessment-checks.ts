import type { Bundle, Task } from '../bundle/schema.ts';
import { formatJsonPath } from '../json/path.ts';
import type { AnswerKey, TaskKey } from '../key/schema.ts';

/**
 * Checks that an exercise does not leak its answers and that its key cannot be
 * gamed without reading. They are warnings, not errors: a bundle that trips one is
 * still valid, but a candidate could score what they did not earn.
 *
 * Each warning names the file its path points into (`bundle` or `key`), so the CLI,
 * the workspace and the authoring screens can all point at the value to change.
 */
export type AssessmentWarningCode =
  /** Output ids such as o1/o2, a/b/c, 1/2/3 or response-1: they reveal the author's order. */
  | 'ordinal-output-ids'
  /** The gold best output has the same id in most tasks. */
  | 'best-same-id'
  /** The gold best output sits at the same position of `outputs` in most tasks. */
  | 'best-same-position'
  /** `shuffleOutputs` is off: every candidate sees the author's order. */
  | 'shuffle-off'
  /** In every task exactly one output has no known issue, and it is the best. */
  | 'only-clean-output-is-best'
  /** A repeated task (consistency pair) reuses its original's ids, or its order while shuffling is off. */
  | 'verbatim-repeat'
  /** Several known issues share one (output, category): one mark finds them all. */
  | 'issues-share-category'
  /** One category holds most known issues: marking it everywhere scores without reading. */
  | 'dominant-category';

/** A short name for each warning, for lists that group them. */
export const ASSESSMENT_WARNING_TITLES: Readonly<Record<AssessmentWarningCode, string>> = {
  'ordinal-output-ids': 'Output ids give the order away',
  'best-same-id': 'The best output has the same id in most tasks',
  'best-same-position': 'The best output is in the same place in most tasks',
  'shuffle-off': 'Outputs are not shuffled',
  'only-clean-output-is-best': 'The only sound output is always the best',
  'verbatim-repeat': 'A repeated task can be copied',
  'issues-share-category': 'One mark finds several known issues',
  'dominant-category': 'One category holds most known issues',
};

export interface AssessmentWarning {
  code: AssessmentWarningCode;
  /** Which file `path` points into. */
  file: 'bundle' | 'key';
  /** JSON path of the value at fault, e.g. `$.tasks[1].outputs`. */
  path: string;
  message: string;
}

/** A pooled share above this makes one category the answer to most marks. */
const BUNDLE_CATEGORY_SHARE = 0.5;
/** A single task has few issues, so its share is noisy: warn only when it is lopsided. */
const TASK_CATEGORY_SHARE = 0.75;
/** Below this many issues a share says nothing. */
const MIN_ISSUES_FOR_SHARE = 4;

const at = (...path: PropertyKey[]) => formatJsonPath(path);
const quoted = (ids: readonly string[]) => ids.map((id) => `"${id}"`).join(', ');
const percent = (x: number) => `${Math.round(x * 100)}%`;

function listTasks(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((n) => `"${n}"`);
  return names.length > 3 ? `${shown.join(', ')} and ${names.length - 3} more` : shown.join(', ');
}

/**
 * Runs every check on a bundle and, when given, its answer key. Checks that need
 * the key (which output is best, where the issues are) are skipped without one.
 * Key entries for tasks or outputs the bundle does not have are ignored here;
 * `checkKeyAgainstBundle` reports them as errors.
 *
 * @example assessmentChecks(bundle, key).map((w) => `${w.path} ${w.message}`)
 */
export function assessmentChecks(bundle: Bundle, key?: AnswerKey): AssessmentWarning[] {
  const warnings: AssessmentWarning[] = [...ordinalIds(bundle)];
  if (!bundle.shuffleOutputs)
    warnings.push({
      code: 'shuffle-off',
      file: 'bundle',
      path: at('shuffleOutputs'),
      message:
        'shuffling is off, so every candidate sees the outputs in the order of the file, usually the order the author wrote them in: set "shuffleOutputs": true',
    });
  if (key) {
    const keyed = keyedTasks(bundle, key);
    warnings.push(...bestOutputPattern(keyed), ...onlyCleanIsBest(keyed), ...sharedCells(keyed));
    warnings.push(...dominantCategory(keyed));
  }
  warnings.push(...verbatimRepeats(bundle, key));
  return warnings;
}

// ---------------------------------------------------------------- ordinal ids

/**
 * Whether a task's output ids read as a sequence: one shared prefix and suffix
 * around consecutive numbers (`o1`…, `1`…, `response-1`…, `r0`…) or consecutive
 * single letters (`a`…, `B`…, `output-c`…), in any order.
 */
export function looksOrdinal(ids: readonly string[]): boolean {
  if (ids.length < 2) return false;
  return sequence(ids, /^(\D*?)(\d+)(\D*)$/, Number) || sequence(ids, /^(.*?)([A-Za-z])()$/, letterIndex);
}

function letterIndex(letter: string): number {
  return letter.toLowerCase().charCodeAt(0) - 97;
}

function sequence(ids: readonly string[], pattern: RegExp, rank: (s: string) => number): boolean {
  const parts = ids.map((id) => pattern.exec(id));
  if (parts.some((p) => p === null)) return false;
  const first = parts[0] as RegExpExecArray;
  const prefix = (first[1] ?? '').toLowerCase();
  const suffix = (first[3] ?? '').toLowerCase();
  if (parts.some((p) => (p?.[1] ?? '').toLowerCase() !== prefix || (p?.[3] ?? '').toLowerCase() !== suffix))
    return false;
  const ranks = parts.map((p) => rank(p?.[2] ?? '')).sort((a, b) => a - b);
  return ranks.every((r, i) => i === 0 || r === (ranks[i - 1] as number) + 1);
}

function ordinalIds(bundle: Bundle): AssessmentWarning[] {
  const hits = bundle.tasks
    .map((task, index) => ({ task, index }))
    .filter(({ task }) => looksOrdinal(task.outputs.map((o) => o.id)));
  if (hits.length === 0) return [];
  const { task, index } = hits[0] as { task: Task; index: number };
  return [
    {
      code: 'ordinal-output-ids',
      file: 'bundle',
      path: at('tasks', index, 'outputs'),
      message:
        `output ids look like a sequence (${quoted(task.outputs.map((o) => o.id))}) in ${hits.length} of ${bundle.tasks.length} tasks (${listTasks(hits.map((h) => h.task.id))}). ` +
        'Ids are in the file the browser loads and in the page, so they tell a candidate the order the author wrote: use random ids such as "k7q2xd"',
    },
  ];
}

// ---------------------------------------------------------------- key patterns

interface Keyed {
  task: Task;
  key: TaskKey;
  /** Index of the task key in `key.tasks`, for paths into the key. */
  keyIndex: number;
  best: string[];
  outputIds: Set<string>;
}

function keyedTasks(bundle: Bundle, key: AnswerKey): Keyed[] {
  const tasks = new Map(bundle.tasks.map((t) => [t.id, t]));
  const keyed: Keyed[] = [];
  key.tasks.forEach((taskKey, keyIndex) => {
    const task = tasks.get(taskKey.taskId);
    if (!task) return;
    const outputIds = new Set(task.outputs.map((o) => o.id));
    const best = (taskKey.goldRanking[0] ?? []).filter((id) => outputIds.has(id));
    if (best.length > 0) keyed.push({ task, key: taskKey, keyIndex, best, outputIds });
  });
  return keyed;
}

/** Most = more than half, and at least two tasks, or there is no pattern to see. */
const isMost = (count: number, of: number) => of >= 2 && count > of / 2;

function bestOutputPattern(keyed: readonly Keyed[]): AssessmentWarning[] {
  const warnings: AssessmentWarning[] = [];
  const byId = new Map<string, number>();
  const byPosition = new Map<number, number>();
  for (const { task, best } of keyed) {
    for (const id of new Set(best)) byId.set(id, (byId.get(id) ?? 0) + 1);
    const positions = new Set(best.map((id) => task.outputs.findIndex((o) => o.id === id)));
    for (const p of positions) byPosition.set(p, (byPosition.get(p) ?? 0) + 1);
  }
  const [id, idCount] = [...byId].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (isMost(idCount, keyed.length))
    warnings.push({
      code: 'best-same-id',
      file: 'key',
      path: at('tasks'),
      message: `the best output is "${id}" in ${idCount} of ${keyed.length} tasks: a candidate who notices can rank without reading. Give outputs random ids`,
    });
  const [position, positionCount] = [...byPosition].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  if (isMost(positionCount, keyed.length))
    warnings.push({
      code: 'best-same-position',
      file: 'bundle',
      path: at('tasks'),
      message: `the best output is number ${position + 1} of "outputs" in ${positionCount} of ${keyed.length} tasks. Shuffling hides it on screen, but not in the file the browser loads: put the outputs of each task in a random order`,
    });
  return warnings;
}

function onlyCleanIsBest(keyed: readonly Keyed[]): AssessmentWarning[] {
  if (keyed.length < 2) return [];
  const pattern = keyed.every(({ task, key, best }) => {
    const flawed = new Set(key.issues.map((i) => i.outputId));
    const clean = task.outputs.filter((o) => !flawed.has(o.id));
    return clean.length === 1 && best.includes((clean[0] as { id: string }).id);
  });
  if (!pattern) return [];
  return [
    {
      code: 'only-clean-output-is-best',
      file: 'key',
      path: at('tasks'),
      message: `in every task exactly one output has no known issue and it is the best: a candidate learns to rank by "the one without problems" and to mark something on every other output. Include a task where a sound output is not the best, or where the best one has a minor flaw`,
    },
  ];
}

function sharedCells(keyed: readonly Keyed[]): AssessmentWarning[] {
  const warnings: AssessmentWarning[] = [];
  for (const { key, keyIndex } of keyed) {
    const first = new Map<string, string>();
    key.issues.forEach((issue, i) => {
      const cell = `${issue.outputId}\u0000${issue.category}`;
      const earlier = first.get(cell);
      if (earlier === undefined) {
        first.set(cell, issue.id);
        return;
      }
      warnings.push({
        code: 'issues-share-category',
        file: 'key',
        path: at('tasks', keyIndex, 'issues', i),
        message: `"${issue.id}" and "${earlier}" are both ${issue.category} on output "${issue.outputId}" of task "${key.taskId}": scoring matches marks by output and category, so one mark finds both. Merge them into one issue, or give one of them the category that fits it better`,
      });
    });
  }
  return warnings;
}

interface Share {
  category: string;
  count: number;
  total: number;
  /** Marking `category` on every output outside the gold first tier, without reading. */
  recall: number;
  precision: number;
  f1: number;
}

/** The most common category among some tasks' issues, and what marking it blindly would score. */
function topShare(keyed: readonly Keyed[]): Share | null {
  const counts = new Map<string, number>();
  let total = 0;
  for (const { key, outputIds } of keyed)
    for (const issue of key.issues)
      if (outputIds.has(issue.outputId)) {
        counts.set(issue.category, (counts.get(issue.category) ?? 0) + 1);
        total++;
      }
  const [category, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (total === 0) return null;
  // The strategy scored the way the scorer counts: an issue is found when its
  // category is marked on its output; a mark is right when the output has one.
  let marks = 0;
  let rightMarks = 0;
  let found = 0;
  for (const { task, key, best } of keyed)
    for (const output of task.outputs) {
      if (best.includes(output.id)) continue;
      marks++;
      const hits = key.issues.filter((i) => i.outputId === output.id && i.category === category).length;
      if (hits > 0) rightMarks++;
      found += hits;
    }
  const recall = found / total;
  const precision = marks === 0 ? 0 : rightMarks / marks;
  const f1 = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  return { category, count, total, recall, precision, f1 };
}

function strategy(share: Share): string {
  return `marking "${share.category}" on every output but the best, without reading, would score recall ${percent(share.recall)}, precision ${percent(share.precision)}, F1 ${share.f1.toFixed(2)}`;
}

function dominantCategory(keyed: readonly Keyed[]): AssessmentWarning[] {
  const warnings: AssessmentWarning[] = [];
  const all = topShare(keyed);
  if (all && all.total >= MIN_ISSUES_FOR_SHARE && all.count / all.total > BUNDLE_CATEGORY_SHARE)
    warnings.push({
      code: 'dominant-category',
      file: 'key',
      path: at('tasks'),
      message: `${all.count} of the key's ${all.total} issues are ${all.category}: ${strategy(all)}. Vary the kinds of flaw, or recategorise issues that fit another category better`,
    });
  for (const one of keyed) {
    const share = topShare([one]);
    if (share && share.total >= MIN_ISSUES_FOR_SHARE && share.count / share.total >= TASK_CATEGORY_SHARE)
      warnings.push({
        code: 'dominant-category',
        file: 'key',
        path: at('tasks', one.keyIndex, 'issues'),
        message: `${share.count} of the ${share.total} issues of task "${one.task.id}" are ${share.category}: ${strategy(share)} on this task`,
      });
  }
  return warnings;
}

// ---------------------------------------------------------------- repeated tasks

interface Pair {
  a: Task;
  b: Task;
  /** Index of B in `bundle.tasks`. */
  bIndex: number;
  /** A's output id → B's output id with the same content. */
  map: Map<string, string>;
}

/** The key's consistency pairs; without a key, tasks whose outputs have exactly the same texts. */
function repeatedPairs(bundle: Bundle, key?: AnswerKey): Pair[] {
  const index = new Map(bundle.tasks.map((t, i) => [t.id, i]));
  const pairs: Pair[] = [];
  if (key && key.consistencyPairs.length > 0) {
    for (const pair of key.consistencyPairs) {
      const ai = index.get(pair.taskA);
      const bi = index.get(pair.taskB);
      if (ai === undefined || bi === undefined) continue;
      pairs.push({
        a: bundle.tasks[ai] as Task,
        b: bundle.tasks[bi] as Task,
        bIndex: bi,
        map: new Map(Object.entries(pair.outputMap)),
      });
    }
    return pairs;
  }
  const signature = (t: Task) =>
    t.outputs
      .map((o) => o.content)
      .sort()
      .join('\u0000');
  const seen = new Map<string, number>();
  bundle.tasks.forEach((task, bi) => {
    const sig = signature(task);
    const ai = seen.get(sig);
    if (ai === undefined) {
      seen.set(sig, bi);
      return;
    }
    const a = bundle.tasks[ai] as Task;
    const map = new Map<string, string>();
    const unused = [...task.outputs];
    for (const out of a.outputs) {
      const twin = unused.findIndex((o) => o.content === out.content);
      if (twin >= 0) map.set(out.id, (unused.splice(twin, 1)[0] as { id: string }).id);
    }
    pairs.push({ a, b: task, bIndex: bi, map });
  });
  return pairs;
}

function verbatimRepeats(bundle: Bundle, key?: AnswerKey): AssessmentWarning[] {
  const warnings: AssessmentWarning[] = [];
  for (const { a, b, bIndex, map } of repeatedPairs(bundle, key)) {
    const aIds = new Set(a.outputs.map((o) => o.id));
    const shared = b.outputs.map((o) => o.id).filter((id) => aIds.has(id));
    const twinOrder = a.outputs.map((o) => map.get(o.id));
    const sameOrder = twinOrder.every((id, i) => id !== undefined && b.outputs[i]?.id === id);
    const reasons: string[] = [];
    if (shared.length > 0) reasons.push(`it reuses the output ids ${quoted(shared)}`);
    if (sameOrder && !bundle.shuffleOutputs) reasons.push('it shows the outputs in the same order with shuffling off');
    if (reasons.length === 0) continue;
    warnings.push({
      code: 'verbatim-repeat',
      file: 'bundle',
      path: at('tasks', bIndex, 'outputs'),
      message: `task "${b.id}" repeats "${a.id}" but ${reasons.join(' and ')}: a candidate can copy their first answer instead of judging again. Give the repeat new ids and a different order`,
    });
  }
  return warnings;
}
