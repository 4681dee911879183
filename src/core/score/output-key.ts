import type { Bundle } from '../bundle/schema.ts';
import type { AnswerKey, KnownIssue } from '../key/schema.ts';
import { goldTiers } from './ranking.ts';

/** What the key says about one output, worked out once per key rather than per candidate. */
export interface OutputKey {
  issues: KnownIssue[];
  /** Each issue's keywords in lower case (undefined when it has none), for matching critiques. */
  lowerKeywords: (string[] | undefined)[];
  /** Some issue has keywords, so the critique needs lower-casing. */
  anyKeywords: boolean;
  categories: Set<string>;
  /** The worst severity among the issues; null when none. */
  expectedSeverity: string | null;
}

export interface KeyIndex {
  tasks: Map<string, Bundle['tasks'][number]>;
  keys: Map<string, AnswerKey['tasks'][number]>;
  /** taskId → outputId → what the key says about that output. */
  outputs: Map<string, Map<string, OutputKey>>;
  /** taskId → output id → gold tier. */
  tiers: Map<string, Map<string, number>>;
}

export const NO_ISSUES: OutputKey = {
  issues: [],
  lowerKeywords: [],
  anyKeywords: false,
  categories: new Set(),
  expectedSeverity: null,
};

function outputKeys(issues: readonly KnownIssue[], severityRank: ReadonlyMap<string, number>): Map<string, OutputKey> {
  const byOutput = new Map<string, KnownIssue[]>();
  for (const issue of issues) byOutput.set(issue.outputId, [...(byOutput.get(issue.outputId) ?? []), issue]);
  const keys = new Map<string, OutputKey>();
  for (const [outputId, outputIssues] of byOutput)
    keys.set(outputId, {
      issues: outputIssues,
      lowerKeywords: outputIssues.map((i) => i.keywords?.map((k) => k.toLowerCase())),
      anyKeywords: outputIssues.some((i) => i.keywords),
      categories: new Set(outputIssues.map((i) => i.category)),
      // A stable sort, so among equally severe issues the first listed wins.
      expectedSeverity:
        outputIssues
          .map((i) => i.severity)
          .sort((a, b) => (severityRank.get(b) ?? 0) - (severityRank.get(a) ?? 0))[0] ?? null,
    });
  return keys;
}

// Scoring a thousand candidates against one key: index the key once.
const indexes = new WeakMap<AnswerKey, WeakMap<Bundle, KeyIndex>>();

export function indexFor(bundle: Bundle, key: AnswerKey): KeyIndex {
  let byBundle = indexes.get(key);
  if (!byBundle) indexes.set(key, (byBundle = new WeakMap()));
  let index = byBundle.get(bundle);
  if (!index) {
    const severityRank = new Map(bundle.severities.map((sev, i) => [sev.id, i]));
    index = {
      tasks: new Map(bundle.tasks.map((t) => [t.id, t])),
      keys: new Map(key.tasks.map((t) => [t.taskId, t])),
      outputs: new Map(key.tasks.map((t) => [t.taskId, outputKeys(t.issues, severityRank)])),
      tiers: new Map(key.tasks.map((t) => [t.taskId, goldTiers(t.goldRanking)])),
    };
    byBundle.set(bundle, index);
  }
  return index;
}

export interface ErrorCounts {
  knownIssues: number;
  found: number;
  marks: number;
  falseAlarms: number;
}

/**
 * The error-identification counts of one output's marked categories (each once): an
 * issue is found when its category is marked; a marked category the key does not
 * list on the output is a false alarm. Shared by the scorer and the content-free
 * baseline, so both count the same way.
 */
export function countOutput(outputKey: OutputKey, marked: readonly string[], into: ErrorCounts): void {
  into.knownIssues += outputKey.issues.length;
  for (const issue of outputKey.issues) if (marked.includes(issue.category)) into.found++;
  into.marks += marked.length;
  for (const c of marked) if (!outputKey.categories.has(c)) into.falseAlarms++;
}

/** F1 of recall (found / known) and precision ((marks − false alarms) / marks); null when the key lists nothing. */
export function f1Of(counts: ErrorCounts): number | null {
  if (counts.knownIssues === 0) return null;
  const recall = counts.found / counts.knownIssues;
  const precision = counts.marks === 0 ? 0 : (counts.marks - counts.falseAlarms) / counts.marks;
  return recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
}
