import type { Bundle } from '../bundle/schema.ts';
import type { AnswerKey, KnownIssue } from '../key/schema.ts';
import { GRADE_MAX, GRADE_MIN } from '../review/schema.ts';
import type { Result, TaskResult } from '../result/schema.ts';
import { contentFreeBaseline } from './baseline.ts';
import { scoreConsistency, type ConsistencyScore } from './consistency.ts';
import { countOutput, f1Of, indexFor, NO_ISSUES, type ErrorCounts, type KeyIndex } from './output-key.ts';
import { scoreRanking, type RankingScore } from './ranking.ts';

/**
 * Scores one candidate's result against the hiring team's answer key. Every
 * number keeps the inputs it came from, so the app and the report can show why a
 * value is what it is (docs/scoring.md has the formulas and a worked example).
 *
 * The scorer does not trust the file to be well formed: a result is validated
 * before it gets here, but anyone can sign a file of their own making, so each
 * part is bounded whatever it contains. Tasks are the key's (a task the file
 * leaves out is scored as unanswered, one it answers twice counts once), outputs
 * the bundle's, categories a set.
 */

export type { RankingScore } from './ranking.ts';
export type { ConsistencyScore } from './consistency.ts';

export type IssueOutcome = 'found' | 'missed';

export interface IssueScore {
  issue: KnownIssue;
  outcome: IssueOutcome;
  /** Key keywords that the candidate's critique of that output mentions. */
  keywordsMentioned: string[];
}

export interface OutputScore {
  outputId: string;
  label: string;
  /** The categories marked, each once. */
  categories: readonly string[];
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
  /** The critique's reviewer grade (1–4: each criterion's mean over reviewers, then their mean); null when ungraded. */
  reviewGrade: number | null;
}

export interface ErrorScore {
  knownIssues: number;
  found: number;
  /** found / knownIssues; null when the key lists no issue. */
  recall: number | null;
  /** Category marks where the key has no such issue on that output. */
  falseAlarms: number;
  /** All category marks the candidate made (each category once per output). */
  marks: number;
  /** Marks that match a known issue / all marks; null when no marks. */
  precision: number | null;
  /** 2 · precision · recall / (precision + recall); 0 when nothing is marked; null when the key lists no issue. */
  f1: number | null;
  /** Outputs with a found issue where the candidate's severity is the key's worst. */
  severityMatches: number;
  /** severityMatches / outputs with a found issue. */
  severityAgreement: number | null;
}

export interface TaskScore {
  taskId: string;
  title: string;
  activeMs: number;
  /** False when the file has no answer for this task of the key (scored as unanswered). */
  answered: boolean;
  ranking: RankingScore;
  errors: ErrorScore;
  outputs: OutputScore[];
  /** Mean reviewer grade of the task's graded critiques (1–4), when reviewed. */
  reviewScore: number | null;
  /** How many of the task's critiques have a grade. */
  reviewedCritiques: number;
  /** Critiques written (not blank) that no reviewer has graded yet. */
  ungradedCritiques: number;
}

export type CompositePartId = 'ranking' | 'errorIdentification' | 'consistency' | 'critique';

/**
 * Whether a part counts in the composite: `measured` (it has a value), `pending`
 * (it will have one: critiques not reviewed yet), `absent` (nothing to measure for
 * this bundle and key: no repeated task, no known issue, weight 0).
 */
export type PartState = 'measured' | 'pending' | 'absent';

export interface CompositePart {
  id: CompositePartId;
  label: string;
  /** 0–1, or null when there is nothing to measure (e.g. no reviews yet). */
  value: number | null;
  weight: number;
  state: PartState;
  /** How the value is made, in words. */
  basis: string;
}

export interface CandidateScore {
  attemptId: string;
  tasks: TaskScore[];
  ranking: { meanTauB: number | null; meanPairwiseAccuracy: number | null; top1Rate: number | null };
  errors: ErrorScore;
  /** The best F1 a strategy that reads nothing could get on this key, to read `errors.f1` against. */
  baseline: { f1: number | null; strategy: string };
  consistency: ConsistencyScore[];
  meanConsistency: number | null;
  time: { activeMsTotal: number; overtimeMs: number; perTaskMs: Record<string, number> };
  /** Mean over graded critiques of each critique's grade (1–4); null when none is graded. */
  reviewScore: number | null;
  /** Weighted mean of the measured parts; null when none is. */
  composite: number | null;
  /** `provisional` while a weighted part is pending or incomplete (critiques awaiting reviews). */
  compositeStatus: 'final' | 'provisional' | null;
  /** Why the composite is provisional, in words ("5 critiques awaiting review"); null when final. */
  awaiting: string | null;
  /** The ids of the parts the composite is made of, in order: composites are compared only with the same parts. */
  compositeParts: CompositePartId[];
  parts: CompositePart[];
}

/** Reviewer grades of one critique: criterion → 1..4. */
export type CritiqueGrades = Record<string, number>;

/** attemptId/taskId/outputId → grades per reviewer. */
export type ReviewLookup = (attemptId: string, taskId: string, outputId: string) => CritiqueGrades[];

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

const clamp01 = (v: number) => Math.max(0, Math.min(1, v));
const finite = (v: number) => (Number.isFinite(v) ? v : 0);

/**
 * One critique's grade: each criterion's mean over the reviewers who graded it, then
 * the mean over criteria; grades outside 1–4 (a hostile reviews file) are ignored.
 * Every critique then counts once in the candidate's score, however many reviewers
 * graded it. Null when nobody graded it.
 */
export function critiqueGrade(grades: readonly CritiqueGrades[]): number | null {
  const byCriterion = new Map<string, number[]>();
  for (const set of grades)
    for (const [criterion, value] of Object.entries(set)) {
      if (typeof value !== 'number' || !(value >= GRADE_MIN && value <= GRADE_MAX)) continue;
      const list = byCriterion.get(criterion) ?? [];
      list.push(value);
      byCriterion.set(criterion, list);
    }
  return mean([...byCriterion.values()].map((values) => mean(values) as number));
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

const errorScore = (c: ErrorCounts, severityMatches: number, rated: number): ErrorScore => ({
  knownIssues: c.knownIssues,
  found: c.found,
  recall: c.knownIssues === 0 ? null : c.found / c.knownIssues,
  falseAlarms: c.falseAlarms,
  marks: c.marks,
  precision: c.marks === 0 ? null : (c.marks - c.falseAlarms) / c.marks,
  f1: f1Of(c),
  severityMatches,
  severityAgreement: rated === 0 ? null : severityMatches / rated,
});

type OutputAnswer = TaskResult['outputs'][number];

function firstAnswer(outputs: readonly OutputAnswer[], outputId: string): OutputAnswer | undefined {
  for (const out of outputs) if (out.outputId === outputId) return out;
  return undefined;
}

/** Each value once, first occurrence first; the array itself when it has no repeats. */
function uniqueList(list: readonly string[]): readonly string[] {
  for (let i = 1; i < list.length; i++)
    if (list.lastIndexOf(list[i] as string, i - 1) !== -1) return [...new Set(list)];
  return list;
}

function scoreTask(
  index: KeyIndex,
  attemptId: string,
  taskId: string,
  answer: TaskResult | undefined,
  reviews: ReviewLookup | undefined,
): TaskScore {
  const task = index.tasks.get(taskId);
  const taskKey = index.keys.get(taskId);
  const keysByOutput = index.outputs.get(taskId);
  // The bundle's outputs, each answered at most once (the first answer for an id wins).
  const answered = answer?.outputs ?? [];
  const outputIds = task ? task.outputs.map((o) => o.id) : uniqueList(answered.map((o) => o.outputId));
  const counts: ErrorCounts = { knownIssues: 0, found: 0, marks: 0, falseAlarms: 0 };
  let rated = 0;
  let severityMatches = 0;
  const outputs: OutputScore[] = [];
  const grades: number[] = [];
  let ungraded = 0;
  for (const outputId of outputIds) {
    // This runs for every output of every task of every candidate (at most ten outputs,
    // a few categories each): linear searches, no Map or Set, and the file's own array
    // kept when it has no repeats (the usual case).
    const out = firstAnswer(answered, outputId);
    const outputKey = keysByOutput?.get(outputId) ?? NO_ISSUES;
    const categories = uniqueList(out?.categories ?? []);
    const marked = categories;
    const before = counts.found;
    countOutput(outputKey, marked, counts);
    const anyFound = counts.found > before;
    const critique = out?.critique ?? '';
    const lower = outputKey.anyKeywords ? critique.toLowerCase() : '';
    const issues: IssueScore[] = [];
    for (let i = 0; i < outputKey.issues.length; i++) {
      const issue = outputKey.issues[i] as KnownIssue;
      const keywords = outputKey.lowerKeywords[i];
      const mentioned: string[] = [];
      if (issue.keywords && keywords)
        for (let k = 0; k < keywords.length; k++)
          if (lower.includes(keywords[k] as string)) mentioned.push(issue.keywords[k] as string);
      issues.push({
        issue,
        outcome: marked.includes(issue.category) ? 'found' : 'missed',
        keywordsMentioned: mentioned,
      });
    }
    const falseAlarms: string[] = [];
    for (const c of categories) if (!outputKey.categories.has(c)) falseAlarms.push(c);
    const severity = out?.severity ?? null;
    const severityMatch = anyFound ? severity === outputKey.expectedSeverity : null;
    if (severityMatch !== null) {
      rated++;
      if (severityMatch) severityMatches++;
    }
    const critiqueLength = critiqueChars(critique);
    const reviewGrade = reviews && out ? critiqueGrade(reviews(attemptId, taskId, outputId)) : null;
    if (reviewGrade !== null) grades.push(reviewGrade);
    else if (critiqueLength > 0) ungraded++;
    outputs.push({
      outputId,
      label: out?.label ?? '',
      categories,
      severity,
      noIssues: out?.noIssues ?? false,
      critique,
      critiqueLength,
      issues,
      falseAlarms,
      expectedSeverity: outputKey.expectedSeverity,
      severityMatch,
      reviewGrade,
    });
  }
  return {
    taskId,
    title: task?.title ?? taskId,
    activeMs: finite(answer?.activeMs ?? 0),
    answered: answer !== undefined,
    ranking: scoreRanking(answer?.ranking ?? null, taskKey?.goldRanking ?? [], index.tiers.get(taskId)),
    errors: errorScore(counts, severityMatches, rated),
    outputs,
    reviewScore: mean(grades),
    reviewedCritiques: grades.length,
    ungradedCritiques: ungraded,
  };
}

/** (x + 1) / 2: maps a correlation in [−1, 1] to [0, 1] for the composite. */
const unit = (tau: number | null) => (tau === null ? null : (tau + 1) / 2);

export function scoreResult(result: Result, bundle: Bundle, key: AnswerKey, reviews?: ReviewLookup): CandidateScore {
  const index = indexFor(bundle, key);
  // The first answer for each task; the key's tasks in the bundle's order.
  const answers = new Map<string, TaskResult>();
  for (const t of result.tasks) if (!answers.has(t.taskId)) answers.set(t.taskId, t);
  const taskIds = bundle.tasks.map((t) => t.id).filter((id) => index.keys.has(id));
  const tasks = taskIds.map((id) => scoreTask(index, result.attemptId, id, answers.get(id), reviews));
  const counts: ErrorCounts = { knownIssues: 0, found: 0, marks: 0, falseAlarms: 0 };
  let severityMatches = 0;
  let severityRated = 0;
  const taus: number[] = [];
  const accuracies: number[] = [];
  const top1: number[] = [];
  const grades: number[] = [];
  for (const t of tasks) {
    counts.knownIssues += t.errors.knownIssues;
    counts.found += t.errors.found;
    counts.marks += t.errors.marks;
    counts.falseAlarms += t.errors.falseAlarms;
    severityMatches += t.errors.severityMatches;
    for (const o of t.outputs) {
      if (o.severityMatch !== null) severityRated++;
      if (o.reviewGrade !== null) grades.push(o.reviewGrade);
    }
    if (t.ranking.tauB !== null) taus.push(t.ranking.tauB);
    if (t.ranking.pairwiseAccuracy !== null) accuracies.push(t.ranking.pairwiseAccuracy);
    if (t.ranking.orderedPairs > 0) top1.push(t.ranking.top1 ? 1 : 0);
  }
  const errors = errorScore(counts, severityMatches, severityRated);
  const consistency = key.consistencyPairs.map((pair) => scoreConsistency(result, pair));
  const consistencyValues = consistency
    .map((c) => mean([unit(c.tauB), c.categoryOverlap].filter((v): v is number => v !== null)))
    .filter((v): v is number => v !== null);
  const reviewScore = mean(grades);
  const critiquesAsked = bundle.tasks.some((t) => index.keys.has(t.id) && t.requirements.critique);
  const w = key.weights;
  const part = (
    id: CompositePartId,
    label: string,
    value: number | null,
    weight: number,
    pending: boolean,
    basis: string,
  ): CompositePart => {
    const safeWeight = Number.isFinite(weight) && weight > 0 ? weight : 0;
    const bounded = value === null || Number.isNaN(value) ? null : clamp01(value);
    const state: PartState =
      safeWeight === 0 ? 'absent' : bounded !== null ? 'measured' : pending ? 'pending' : 'absent';
    return { id, label, value: bounded, weight: safeWeight, state, basis };
  };
  const parts: CompositePart[] = [
    part(
      'ranking',
      'Ranking agreement',
      // Pairwise accuracy rather than tau-b: with ties in the gold, even a perfect strict
      // ranking has tau-b below 1, and the composite should give it full marks.
      mean(accuracies),
      w.ranking,
      false,
      'mean over tasks of pairwise accuracy: of the pairs the gold ranking orders, the share ordered the same way (an unranked task scores 0)',
    ),
    part(
      'errorIdentification',
      'Error identification',
      errors.f1,
      w.errorIdentification,
      false,
      'F1 of recall (known issues found) and precision (marks that are real issues)',
    ),
    part(
      'consistency',
      'Consistency',
      mean(consistencyValues),
      w.consistency,
      false,
      'repeated tasks: mean of (tau-b + 1) / 2 between the two rankings and the category overlap',
    ),
    part(
      'critique',
      'Critique quality',
      reviewScore === null ? null : (reviewScore - GRADE_MIN) / (GRADE_MAX - GRADE_MIN),
      w.critique,
      critiquesAsked,
      'mean over graded critiques of their reviewer grade, 1–4 mapped to [0, 1]; pending until reviewed',
    ),
  ];
  const counted = parts.filter((p) => p.state === 'measured');
  const ungraded = tasks.reduce((n, t) => n + t.ungradedCritiques, 0);
  const critiqueWeighted = parts.some((p) => p.id === 'critique' && p.weight > 0);
  const awaiting =
    critiqueWeighted && (ungraded > 0 || parts.some((p) => p.state === 'pending'))
      ? ungraded > 0
        ? `${ungraded} critique${ungraded === 1 ? '' : 's'} awaiting review`
        : 'critiques awaiting review'
      : null;
  const totalWeight = counted.reduce((n, p) => n + p.weight, 0);
  const composite =
    totalWeight === 0 ? null : clamp01(counted.reduce((n, p) => n + (p.value as number) * p.weight, 0) / totalWeight);
  return {
    attemptId: result.attemptId,
    tasks,
    ranking: { meanTauB: mean(taus), meanPairwiseAccuracy: mean(accuracies), top1Rate: mean(top1) },
    errors,
    baseline: contentFreeBaseline(bundle, key),
    consistency,
    meanConsistency: mean(consistencyValues),
    time: {
      activeMsTotal: finite(result.timing.activeMsTotal),
      overtimeMs: finite(result.timing.overtimeMs),
      perTaskMs: Object.fromEntries(tasks.map((t) => [t.taskId, t.activeMs])),
    },
    reviewScore,
    composite,
    compositeStatus: composite === null ? null : awaiting ? 'provisional' : 'final',
    awaiting,
    compositeParts: counted.map((p) => p.id),
    parts,
  };
}
