import type { Bundle } from '../bundle/schema.ts';
import type { AnswerKey, KnownIssue } from '../key/schema.ts';
import type { Result, TaskResult } from '../result/schema.ts';
import { kendallTauB } from '../stats/index.ts';

/**
 * Scores one candidate's result against the hiring team's answer key. Every
 * number keeps the inputs it came from, so the app and the report can show why a
 * value is what it is (docs/scoring.md has the formulas and a worked example).
 */

export interface RankingScore {
  /** Kendall's tau-b between the candidate's order and the gold tiers; null when not ranked. */
  tauB: number | null;
  /** Pairs the gold orders strictly, and how many of them the candidate orders the same way. */
  orderedPairs: number;
  agreeingPairs: number;
  /** agreeingPairs / orderedPairs; null when not ranked or no strict pair. */
  pairwiseAccuracy: number | null;
  /** The candidate's first output is in the gold's first tier. */
  top1: boolean | null;
  candidate: string[] | null;
  gold: string[][];
}

export type IssueOutcome = 'found' | 'missed';

export interface IssueScore {
  issue: KnownIssue;
  outcome: IssueOutcome;
  /** Key keywords that the candidate's critique of that output mentions. */
  keywordsMentioned: string[];
}

export interface FalseAlarm {
  outputId: string;
  category: string;
}

export interface OutputScore {
  outputId: string;
  label: string;
  categories: string[];
  severity: string | null;
  noIssues: boolean;
  critique: string;
  critiqueLength: number;
  issues: IssueScore[];
  falseAlarms: string[];
  /** The worst severity among the key's issues on this output (the candidate rates the worst problem). */
  expectedSeverity: string | null;
  /** Candidate's severity equals the expected one; null when no issue of the output was found. */
  severityMatch: boolean | null;
}

export interface ErrorScore {
  knownIssues: number;
  found: number;
  /** found / knownIssues; null when the key lists no issue for the task. */
  recall: number | null;
  /** Category marks where the key has no such issue on that output. */
  falseAlarms: number;
  /** All category marks the candidate made. */
  marks: number;
  /** Marks that match a known issue / all marks; null when no marks. */
  precision: number | null;
  /** Outputs with a found issue where the candidate's severity is the key's worst. */
  severityMatches: number;
  /** severityMatches / outputs with a found issue. */
  severityAgreement: number | null;
}

export interface TaskScore {
  taskId: string;
  title: string;
  activeMs: number;
  ranking: RankingScore;
  errors: ErrorScore;
  outputs: OutputScore[];
  /** Mean reviewer grade for the task's critiques (1–4 scale), when reviewed. */
  reviewScore: number | null;
}

export interface ConsistencyScore {
  taskA: string;
  taskB: string;
  /** tau-b between the two rankings after mapping B's outputs onto A's. */
  tauB: number | null;
  /** Mean Jaccard overlap of the categories marked on mapped outputs. */
  categoryOverlap: number | null;
}

export interface CompositePart {
  id: 'ranking' | 'errorIdentification' | 'consistency' | 'critique';
  label: string;
  /** 0–1, or null when there is nothing to measure (e.g. no reviews yet). */
  value: number | null;
  weight: number;
  /** How the value is made, in words. */
  basis: string;
}

export interface CandidateScore {
  attemptId: string;
  tasks: TaskScore[];
  ranking: { meanTauB: number | null; meanPairwiseAccuracy: number | null; top1Rate: number | null };
  errors: ErrorScore;
  consistency: ConsistencyScore[];
  meanConsistency: number | null;
  time: { activeMsTotal: number; overtimeMs: number; perTaskMs: Record<string, number> };
  reviewScore: number | null;
  /** Weighted mean of the parts that have a value; null when none has. */
  composite: number | null;
  parts: CompositePart[];
}

/** Reviewer grades of one critique: criterion → 1..4. */
export type CritiqueGrades = Record<string, number>;

/** attemptId/taskId/outputId → grades per reviewer. */
export type ReviewLookup = (attemptId: string, taskId: string, outputId: string) => CritiqueGrades[];

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

/** Position of each output in a ranking (0 = best), or its gold tier index. */
function goldTier(gold: string[][]): Map<string, number> {
  const tier = new Map<string, number>();
  gold.forEach((ids, t) => ids.forEach((id) => tier.set(id, t)));
  return tier;
}

export function scoreRanking(
  candidate: string[] | null,
  gold: string[][],
  tiers?: ReadonlyMap<string, number>,
): RankingScore {
  const tier = tiers ?? goldTier(gold);
  if (!candidate || candidate.length < 2)
    return { candidate, gold, tauB: null, orderedPairs: 0, agreeingPairs: 0, pairwiseAccuracy: null, top1: null };
  // x is the candidate's order (0, 1, 2…), y the gold tier of each output it ranked.
  const x: number[] = [];
  const y: number[] = [];
  let firstTier: number | undefined;
  for (const id of candidate) {
    const t = tier.get(id);
    if (t === undefined) continue;
    firstTier ??= t;
    x.push(x.length);
    y.push(t);
  }
  let orderedPairs = 0;
  let agreeingPairs = 0;
  for (let i = 0; i < y.length; i++) {
    const gi = y[i] as number;
    for (let j = i + 1; j < y.length; j++) {
      const gj = y[j] as number;
      if (gi === gj) continue;
      orderedPairs++;
      // The candidate puts i before j; the gold agrees when i's tier is better.
      if (gi < gj) agreeingPairs++;
    }
  }
  const tau = kendallTauB(x, y);
  return {
    candidate,
    gold,
    tauB: Number.isNaN(tau) ? null : tau,
    orderedPairs,
    agreeingPairs,
    pairwiseAccuracy: orderedPairs === 0 ? null : agreeingPairs / orderedPairs,
    top1: firstTier === 0,
  };
}

/** What the key says about one output, worked out once per key rather than per candidate. */
interface OutputKey {
  issues: KnownIssue[];
  /** Each issue's keywords in lower case (undefined when it has none), for matching critiques. */
  lowerKeywords: (string[] | undefined)[];
  /** Some issue has keywords, so the critique needs lower-casing. */
  anyKeywords: boolean;
  categories: Set<string>;
  /** The worst severity among the issues; null when none. */
  expectedSeverity: string | null;
}

interface KeyIndex {
  tasks: Map<string, Bundle['tasks'][number]>;
  keys: Map<string, AnswerKey['tasks'][number]>;
  /** taskId → outputId → what the key says about that output. */
  outputs: Map<string, Map<string, OutputKey>>;
  /** taskId → output id → gold tier. */
  tiers: Map<string, Map<string, number>>;
}

const NO_ISSUES: OutputKey = {
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

function indexFor(bundle: Bundle, key: AnswerKey): KeyIndex {
  let byBundle = indexes.get(key);
  if (!byBundle) indexes.set(key, (byBundle = new WeakMap()));
  let index = byBundle.get(bundle);
  if (!index) {
    const severityRank = new Map(bundle.severities.map((sev, i) => [sev.id, i]));
    index = {
      tasks: new Map(bundle.tasks.map((t) => [t.id, t])),
      keys: new Map(key.tasks.map((t) => [t.taskId, t])),
      outputs: new Map(key.tasks.map((t) => [t.taskId, outputKeys(t.issues, severityRank)])),
      tiers: new Map(key.tasks.map((t) => [t.taskId, goldTier(t.goldRanking)])),
    };
    byBundle.set(bundle, index);
  }
  return index;
}

/** Characters as people count them: code points of the trimmed text. */
function critiqueChars(text: string): number {
  const trimmed = text.trim();
  let n = trimmed.length;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

function scoreTask(index: KeyIndex, result: Result, answer: TaskResult, reviews: ReviewLookup | undefined): TaskScore {
  const task = index.tasks.get(answer.taskId);
  const taskKey = index.keys.get(answer.taskId);
  const keysByOutput = index.outputs.get(answer.taskId);
  // One pass over the outputs, counting as it goes: this runs for every task of
  // every candidate, so it avoids intermediate arrays.
  let knownIssues = 0;
  let found = 0;
  let marks = 0;
  let falseAlarmCount = 0;
  let rated = 0;
  let severityMatches = 0;
  const outputs: OutputScore[] = [];
  for (const out of answer.outputs) {
    const outputKey = keysByOutput?.get(out.outputId) ?? NO_ISSUES;
    const lower = outputKey.anyKeywords ? out.critique.toLowerCase() : '';
    const issues: IssueScore[] = [];
    let anyFound = false;
    for (let i = 0; i < outputKey.issues.length; i++) {
      const issue = outputKey.issues[i] as KnownIssue;
      const isFound = out.categories.includes(issue.category);
      if (isFound) {
        anyFound = true;
        found++;
      }
      const keywords = outputKey.lowerKeywords[i];
      issues.push({
        issue,
        outcome: isFound ? 'found' : 'missed',
        keywordsMentioned:
          issue.keywords && keywords ? issue.keywords.filter((_, k) => lower.includes(keywords[k] as string)) : [],
      });
    }
    const falseAlarms = out.categories.filter((c) => !outputKey.categories.has(c));
    const severityMatch = anyFound ? out.severity === outputKey.expectedSeverity : null;
    knownIssues += issues.length;
    marks += out.categories.length;
    falseAlarmCount += falseAlarms.length;
    if (severityMatch !== null) {
      rated++;
      if (severityMatch) severityMatches++;
    }
    outputs.push({
      outputId: out.outputId,
      label: out.label,
      categories: out.categories,
      severity: out.severity,
      noIssues: out.noIssues,
      critique: out.critique,
      critiqueLength: critiqueChars(out.critique),
      issues,
      falseAlarms,
      expectedSeverity: outputKey.expectedSeverity,
      severityMatch,
    });
  }
  const gradeValues: number[] = [];
  if (reviews)
    for (const out of answer.outputs)
      for (const grades of reviews(result.attemptId, answer.taskId, out.outputId))
        for (const value of Object.values(grades)) gradeValues.push(value);
  return {
    taskId: answer.taskId,
    title: task?.title ?? answer.taskId,
    activeMs: answer.activeMs,
    ranking: scoreRanking(answer.ranking, taskKey?.goldRanking ?? [], index.tiers.get(answer.taskId)),
    errors: {
      knownIssues,
      found,
      recall: knownIssues === 0 ? null : found / knownIssues,
      falseAlarms: falseAlarmCount,
      marks,
      precision: marks === 0 ? null : (marks - falseAlarmCount) / marks,
      severityMatches,
      severityAgreement: rated === 0 ? null : severityMatches / rated,
    },
    outputs,
    reviewScore: mean(gradeValues),
  };
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const union = new Set([...a, ...b]);
  if (union.size === 0) return 1;
  const inter = a.filter((x) => b.includes(x)).length;
  return inter / union.size;
}

export function scoreConsistency(result: Result, pair: AnswerKey['consistencyPairs'][number]): ConsistencyScore {
  const a = result.tasks.find((t) => t.taskId === pair.taskA);
  const b = result.tasks.find((t) => t.taskId === pair.taskB);
  const base = { taskA: pair.taskA, taskB: pair.taskB };
  if (!a || !b) return { ...base, tauB: null, categoryOverlap: null };
  let tauB: number | null = null;
  if (a.ranking && b.ranking) {
    // Position of each of A's outputs in A's ranking, and of its twin in B's ranking.
    const ids = Object.keys(pair.outputMap);
    const x = ids.map((id) => (a.ranking as string[]).indexOf(id));
    const y = ids.map((id) => (b.ranking as string[]).indexOf(pair.outputMap[id] as string));
    if (x.every((v) => v >= 0) && y.every((v) => v >= 0)) {
      const tau = kendallTauB(x, y);
      tauB = Number.isNaN(tau) ? null : tau;
    }
  }
  const overlaps = Object.entries(pair.outputMap).map(([idA, idB]) => {
    const outA = a.outputs.find((o) => o.outputId === idA);
    const outB = b.outputs.find((o) => o.outputId === idB);
    return jaccard(outA?.categories ?? [], outB?.categories ?? []);
  });
  return { ...base, tauB, categoryOverlap: mean(overlaps) };
}

/** (x + 1) / 2: maps a correlation in [−1, 1] to [0, 1] for the composite. */
const unit = (tau: number | null) => (tau === null ? null : (tau + 1) / 2);

export function scoreResult(result: Result, bundle: Bundle, key: AnswerKey, reviews?: ReviewLookup): CandidateScore {
  const index = indexFor(bundle, key);
  const tasks: TaskScore[] = [];
  let knownIssues = 0;
  let found = 0;
  let marks = 0;
  let falseAlarms = 0;
  let severityMatches = 0;
  let severityRated = 0;
  const taus: number[] = [];
  const accuracies: number[] = [];
  const top1: boolean[] = [];
  for (const answer of result.tasks) {
    const t = scoreTask(index, result, answer, reviews);
    tasks.push(t);
    knownIssues += t.errors.knownIssues;
    found += t.errors.found;
    marks += t.errors.marks;
    falseAlarms += t.errors.falseAlarms;
    severityMatches += t.errors.severityMatches;
    for (const o of t.outputs) if (o.severityMatch !== null) severityRated++;
    if (t.ranking.tauB !== null) taus.push(t.ranking.tauB);
    if (t.ranking.pairwiseAccuracy !== null) accuracies.push(t.ranking.pairwiseAccuracy);
    if (t.ranking.top1 !== null) top1.push(t.ranking.top1);
  }
  const errors: ErrorScore = {
    knownIssues,
    found,
    recall: knownIssues === 0 ? null : found / knownIssues,
    falseAlarms,
    marks,
    precision: marks === 0 ? null : (marks - falseAlarms) / marks,
    severityMatches,
    severityAgreement: severityRated === 0 ? null : severityMatches / severityRated,
  };
  const consistency = key.consistencyPairs.map((pair) => scoreConsistency(result, pair));
  const consistencyValues = consistency
    .map((c) => {
      const parts = [unit(c.tauB), c.categoryOverlap].filter((v): v is number => v !== null);
      return mean(parts);
    })
    .filter((v): v is number => v !== null);
  const reviewValues = tasks.map((t) => t.reviewScore).filter((v): v is number => v !== null);
  const reviewScore = mean(reviewValues);
  // Error identification: F1 of the marks against the known issues (recall with false alarms).
  const f1 =
    errors.recall === null
      ? null
      : errors.precision === null || errors.recall + errors.precision === 0
        ? 0
        : (2 * errors.recall * errors.precision) / (errors.recall + errors.precision);
  const w = key.weights;
  const parts: CompositePart[] = [
    {
      id: 'ranking',
      label: 'Ranking agreement',
      // Pairwise accuracy rather than tau-b: with ties in the gold, even a perfect strict
      // ranking has tau-b below 1, and the composite should give it full marks.
      value: mean(accuracies),
      weight: w.ranking,
      basis: 'mean pairwise accuracy: of the pairs the gold ranking orders, the share ordered the same way',
    },
    {
      id: 'errorIdentification',
      label: 'Error identification',
      value: f1,
      weight: w.errorIdentification,
      basis: 'F1 of recall (known issues found) and precision (marks that are real issues)',
    },
    {
      id: 'consistency',
      label: 'Consistency',
      value: mean(consistencyValues),
      weight: w.consistency,
      basis: 'repeated tasks: mean of (tau-b + 1) / 2 between the two rankings and the category overlap',
    },
    {
      id: 'critique',
      label: 'Critique quality',
      value: reviewScore === null ? null : (reviewScore - 1) / 3,
      weight: w.critique,
      basis: 'mean reviewer grade, 1–4 mapped to [0, 1]; none until reviewed',
    },
  ];
  const counted = parts.filter((p) => p.value !== null && p.weight > 0);
  const totalWeight = counted.reduce((n, p) => n + p.weight, 0);
  return {
    attemptId: result.attemptId,
    tasks,
    ranking: {
      meanTauB: mean(taus),
      meanPairwiseAccuracy: mean(accuracies),
      top1Rate: mean(top1.map((t) => (t ? 1 : 0))),
    },
    errors,
    consistency,
    meanConsistency: mean(consistencyValues),
    time: {
      activeMsTotal: result.timing.activeMsTotal,
      overtimeMs: result.timing.overtimeMs,
      perTaskMs: Object.fromEntries(result.tasks.map((t) => [t.taskId, t.activeMs])),
    },
    reviewScore,
    composite: totalWeight === 0 ? null : counted.reduce((n, p) => n + (p.value as number) * p.weight, 0) / totalWeight,
    parts,
  };
}
