/**
 * The candidate model of `npm run validity` (docs/validity.md): simulated
 * candidates of known skill θ answer a sample bundle, and simulated reviewers grade
 * their critiques. Pure and deterministic for a seed; everything it knows about an
 * exercise comes from the bundle and its answer key (no id, count or category is
 * assumed), so it follows the samples as they are edited.
 */
import {
  DEFAULT_RUBRIC,
  GRADE_MAX,
  GRADE_MIN,
  REVIEWS_FORMAT,
  outputLabels,
  shownOrder,
  type AnswerKey,
  type Bundle,
  type ConsistencyPair,
  type Reviews,
} from '../../src/core/index.ts';
import { createRng, logistic, type Rng } from './random.ts';

/** The model's parameters; docs/validity.md explains each. */
export const MODEL = {
  /**
   * A candidate's skill on one task of one attempt = θ + N(0, taskSpread): people
   * know some topics better than others and have better and worse hours, so tasks
   * do not all measure θ alike and two attempts differ.
   */
  taskSpread: 0.5,
  /** P(detect issue) = logistic(slope · (θ − difficulty)). */
  detection: {
    slope: 1.5,
    /** Difficulty of the most and least severe issues: ∓subtlety (minor issues are subtler). */
    subtlety: 0.8,
    /** Per-issue spread of difficulty, drawn once per issue. */
    jitter: 0.4,
  },
  /** P(mark a category the key does not list on that output) = logistic(intercept − slope · θ), per category. */
  falseAlarm: { intercept: -3.2, slope: 0.8 },
  /** P(severity = the key's worst on that output) = logistic(intercept + slope · θ); else another, uniformly. */
  severity: { intercept: 0.3, slope: 1.2 },
  /** Perceived quality = −(gold tier) + N(0, sd · e^(−decay · θ)). */
  ranking: { sd: 0.8, decay: 0.5 },
  critique: {
    /** Latent quality of one critique = θ + N(0, noise). */
    noise: 0.7,
    /** Length = minimum × clamp(base + slope · quality, 1.05, 3.5). */
    lengthBase: 1.3,
    lengthSlope: 0.4,
    /** P(use a keyword of an issue found) = logistic(intercept + slope · θ). */
    keywordIntercept: 0.5,
    keywordSlope: 1,
  },
  /** Grade = round(centre + slope · quality + lengthSway · log2(length / minimum) + leniency + criterion + N(0, noise)), 1–4. */
  reviewers: {
    pool: 4,
    leniencySd: 0.25,
    centre: 2.5,
    slope: 0.75,
    lengthSway: 0.3,
    noise: 0.95,
    /** Criterion offsets (a critique is more often correct than actionable). */
    criterion: { specific: -0.1, correct: 0.15, actionable: -0.2 } as Record<string, number>,
  },
  /** Latent quality of content-free critiques: generic filler at the minimum length, and keyword lists. */
  genericQuality: -2,
  stuffedQuality: -1,
  /** A keyword-stuffed critique is at least this many times the minimum length. */
  stuffedLength: 4,
} as const;

export interface ModelIssue {
  id: string;
  outputId: string;
  category: string;
  severity: string;
  difficulty: number;
  keywords: string[];
}

export interface TaskModel {
  taskId: string;
  outputIds: string[];
  /** Gold tier of each output, 0 = best. */
  tier: Map<string, number>;
  issues: Map<string, ModelIssue[]>;
  keyCategories: Map<string, Set<string>>;
  /** The key's worst severity on each output with issues (what the scorer expects). */
  worstSeverity: Map<string, string>;
  minLength: number;
  /** Every keyword of the task's key, for keyword stuffing. */
  keywords: string[];
}

export interface ExerciseModel {
  bundle: Bundle;
  key: AnswerKey;
  bundleHash: string;
  tasks: TaskModel[];
  categories: string[];
  categoryLabels: string[];
  /** Least to most severe, as in the bundle. */
  severities: string[];
  pairs: ConsistencyPair[];
  /** MODEL.taskSpread unless the run sets another (a sensitivity check). */
  taskSpread: number;
}

/** Difficulty from severity: the least severe issue is subtlest (+subtlety), the most severe plainest (−subtlety). */
export function severityDifficulty(severityIndex: number, severities: number): number {
  const { subtlety } = MODEL.detection;
  return severities < 2 ? 0 : subtlety * (1 - (2 * severityIndex) / (severities - 1));
}

export function exerciseModel(
  bundle: Bundle,
  key: AnswerKey,
  bundleHash: string,
  seed: string | number,
  options: { taskSpread?: number } = {},
): ExerciseModel {
  const severities = bundle.severities.map((s) => s.id);
  const rank = new Map(severities.map((s, i) => [s, i]));
  const keys = new Map(key.tasks.map((t) => [t.taskId, t]));
  const rng = createRng(seed).fork(`difficulty/${bundle.id}`);
  const tasks = bundle.tasks.map((task): TaskModel => {
    const taskKey = keys.get(task.id);
    const tier = new Map<string, number>();
    taskKey?.goldRanking.forEach((ids, t) => ids.forEach((id) => tier.set(id, t)));
    const issues = new Map<string, ModelIssue[]>();
    for (const issue of taskKey?.issues ?? []) {
      const list = issues.get(issue.outputId) ?? [];
      list.push({
        id: issue.id,
        outputId: issue.outputId,
        category: issue.category,
        severity: issue.severity,
        difficulty:
          severityDifficulty(rank.get(issue.severity) ?? 0, severities.length) +
          MODEL.detection.jitter * rng.fork(`${task.id}/${issue.id}`).normal(),
        keywords: issue.keywords ?? [],
      });
      issues.set(issue.outputId, list);
    }
    const worstSeverity = new Map<string, string>();
    for (const [outputId, list] of issues) {
      // The first listed among the most severe, as the scorer picks it.
      let worst = list[0] as ModelIssue;
      for (const i of list) if ((rank.get(i.severity) ?? 0) > (rank.get(worst.severity) ?? 0)) worst = i;
      worstSeverity.set(outputId, worst.severity);
    }
    return {
      taskId: task.id,
      outputIds: task.outputs.map((o) => o.id),
      tier,
      issues,
      keyCategories: new Map([...issues].map(([id, list]) => [id, new Set(list.map((i) => i.category))])),
      worstSeverity,
      minLength: task.requirements.critique ? task.requirements.critiqueMinLength : 0,
      keywords: [...new Set((taskKey?.issues ?? []).flatMap((i) => i.keywords ?? []))],
    };
  });
  return {
    bundle,
    key,
    bundleHash,
    tasks,
    categories: bundle.taxonomy.map((c) => c.id),
    categoryLabels: bundle.taxonomy.map((c) => c.label),
    severities,
    pairs: key.consistencyPairs,
    taskSpread: options.taskSpread ?? MODEL.taskSpread,
  };
}

export interface OutputAnswer {
  categories: string[];
  severity: string | null;
  noIssues: boolean;
  critique: string;
  /** Latent quality of the critique, which reviewers grade (not in the result). */
  quality: number;
  /** Length of the critique over the task's minimum (reviewers are swayed by it a little). */
  lengthRatio: number;
}

export interface TaskAnswer {
  taskId: string;
  shown: string[];
  ranking: string[];
  outputs: Map<string, OutputAnswer>;
}

export interface Attempt {
  attemptId: string;
  theta: number;
  tasks: TaskAnswer[];
}

/**
 * A content-free strategy: what it changes; every part it leaves out is answered
 * as an average honest candidate (θ = 0) would.
 */
export interface Strategy {
  id: string;
  label: string;
  marks?: { kind: 'all' } | { kind: 'none' } | { kind: 'one-but-first'; category: string };
  ranking?: 'shown' | 'by-id';
  /** Answer the repeated task of each consistency pair the same as its original, by shown position or by id. */
  repeat?: 'position' | 'id';
  critique?: 'generic' | 'stuffed';
}

/** P(detect) for an issue of this difficulty at skill θ. */
export const detectionProbability = (theta: number, difficulty: number) =>
  logistic(MODEL.detection.slope * (theta - difficulty));
/** P(false alarm) per category the key does not list on an output. */
export const falseAlarmProbability = (theta: number) =>
  logistic(MODEL.falseAlarm.intercept - MODEL.falseAlarm.slope * theta);
export const severityProbability = (theta: number) => logistic(MODEL.severity.intercept + MODEL.severity.slope * theta);
export const rankingNoise = (theta: number) => MODEL.ranking.sd * Math.exp(-MODEL.ranking.decay * theta);

const FILLER =
  'the response is mostly clear but this part needs a closer look because the reasoning and the result do not fully match what the prompt asked for so a reader would need more care here'.split(
    ' ',
  );

/** Text of at least `length` characters: the given phrases first, then filler words. */
function writeText(prefix: string, phrases: readonly string[], length: number, rng: Rng): string {
  let text = prefix;
  for (const p of phrases) text += ` ${p},`;
  let i = rng.int(FILLER.length);
  while (text.length < length) text += ` ${FILLER[i++ % FILLER.length]}`;
  return `${text}.`;
}

function honestCritique(task: TaskModel, label: string, theta: number, found: ModelIssue[], rng: Rng) {
  const c = MODEL.critique;
  const quality = theta + c.noise * rng.normal();
  const ratio = Math.min(3.5, Math.max(1.05, c.lengthBase + c.lengthSlope * quality));
  const pKeyword = logistic(c.keywordIntercept + c.keywordSlope * theta);
  const phrases = found.flatMap((i) => i.keywords.filter(() => rng.chance(pKeyword)));
  const critique = writeText(`Response ${label}:`, phrases, Math.ceil(Math.max(task.minLength, 40) * ratio), rng);
  return { critique, quality, lengthRatio: critique.length / Math.max(task.minLength, 1) };
}

function contentFreeCritique(
  model: ExerciseModel,
  task: TaskModel,
  label: string,
  kind: 'generic' | 'stuffed',
  rng: Rng,
) {
  const min = Math.max(task.minLength, 40);
  if (kind === 'generic') {
    const critique = writeText(`Response ${label}:`, [], min, rng);
    return { critique, quality: MODEL.genericQuality, lengthRatio: critique.length / Math.max(task.minLength, 1) };
  }
  const phrases = [...task.keywords, ...model.categoryLabels];
  const critique = writeText(`Response ${label}:`, phrases, min * MODEL.stuffedLength, rng);
  return { critique, quality: MODEL.stuffedQuality, lengthRatio: critique.length / Math.max(task.minLength, 1) };
}

/** A severity other than `right`, uniformly. */
function wrongSeverity(severities: readonly string[], right: string | undefined, rng: Rng): string {
  const others = severities.filter((s) => s !== right);
  return (others.length === 0 ? severities : others)[rng.int(others.length || severities.length)] as string;
}

/** The middle of the scale: what a guesser picks. */
const middleSeverity = (severities: readonly string[]) => severities[Math.floor((severities.length - 1) / 2)] ?? null;

export interface AttemptOptions {
  attemptId: string;
  theta: number;
  rng: Rng;
  strategy?: Strategy;
}

/** One attempt at the whole bundle. */
export function simulateAttempt(model: ExerciseModel, options: AttemptOptions): Attempt {
  const { attemptId, rng, strategy } = options;
  // A strategy answers what it does not game as an average candidate.
  const skill = strategy ? 0 : options.theta;
  const tasks = model.tasks.map((task): TaskAnswer => {
    const r = rng.fork(task.taskId);
    const theta = skill + model.taskSpread * r.normal();
    const shown = shownOrder(task.outputIds, model.bundle.shuffleOutputs, `${attemptId}/${task.taskId}`);
    const labels = outputLabels(shown);
    const sd = rankingNoise(theta);
    const perceived = new Map(shown.map((id) => [id, -(task.tier.get(id) ?? 0) + sd * r.normal()]));
    let ranking = [...shown].sort((a, b) => (perceived.get(b) as number) - (perceived.get(a) as number));
    if (strategy?.ranking === 'shown') ranking = [...shown];
    if (strategy?.ranking === 'by-id') ranking = [...shown].sort();
    const outputs = new Map<string, OutputAnswer>();
    for (const outputId of shown) {
      const issues = task.issues.get(outputId) ?? [];
      const found = issues.filter((i) => r.chance(detectionProbability(theta, i.difficulty)));
      let categories = [...new Set(found.map((i) => i.category))];
      const listed = task.keyCategories.get(outputId);
      const pFalse = falseAlarmProbability(theta);
      for (const c of model.categories) if (!listed?.has(c) && r.chance(pFalse)) categories.push(c);
      const right = task.worstSeverity.get(outputId);
      let severity: string | null = null;
      if (categories.length > 0)
        severity =
          found.length > 0 && right !== undefined && r.chance(severityProbability(theta))
            ? right
            : wrongSeverity(model.severities, found.length > 0 ? right : undefined, r);
      const marks = strategy?.marks;
      if (marks?.kind === 'all') categories = [...model.categories];
      if (marks?.kind === 'none') categories = [];
      if (marks?.kind === 'one-but-first') categories = outputId === ranking[0] ? [] : [marks.category];
      if (marks) severity = categories.length > 0 ? middleSeverity(model.severities) : null;
      // Keep the taxonomy's order, as the app stores ticked categories.
      categories = model.categories.filter((c) => categories.includes(c));
      const label = labels[outputId] ?? '?';
      const text = strategy?.critique
        ? contentFreeCritique(model, task, label, strategy.critique, r)
        : honestCritique(task, label, theta, found, r);
      outputs.set(outputId, { categories, severity, noIssues: categories.length === 0, ...text });
    }
    return { taskId: task.taskId, shown, ranking, outputs };
  });
  if (strategy?.repeat) for (const pair of model.pairs) copyRepeat(tasks, pair, strategy.repeat);
  return { attemptId, theta: options.theta, tasks };
}

/** Copying by id is possible only when the repeat shows the very same output ids. */
export function copyByIdApplies(model: ExerciseModel, pair: ConsistencyPair): boolean {
  const a = model.tasks.find((t) => t.taskId === pair.taskA);
  const b = model.tasks.find((t) => t.taskId === pair.taskB);
  return !!a && !!b && [...a.outputIds].sort().join('\u0000') === [...b.outputIds].sort().join('\u0000');
}

/** The repeat answered as a copy of the original: the twin of each output is guessed by position or by id. */
function copyRepeat(tasks: TaskAnswer[], pair: ConsistencyPair, by: 'position' | 'id'): void {
  const a = tasks.find((t) => t.taskId === pair.taskA);
  const b = tasks.find((t) => t.taskId === pair.taskB);
  if (!a || !b) return;
  const twin = new Map<string, string>();
  if (by === 'position') a.shown.forEach((id, i) => twin.set(id, b.shown[i] as string));
  else if (a.shown.every((id) => b.shown.includes(id))) a.shown.forEach((id) => twin.set(id, id));
  if (twin.size !== b.shown.length) return;
  b.ranking = a.ranking.map((id) => twin.get(id) as string);
  for (const [idA, idB] of twin) {
    const from = a.outputs.get(idA) as OutputAnswer;
    const to = b.outputs.get(idB) as OutputAnswer;
    b.outputs.set(idB, { ...to, categories: [...from.categories], severity: from.severity, noIssues: from.noIssues });
  }
}

export interface Reviewer {
  id: string;
  name: string;
  leniency: number;
}

export function reviewerPool(rng: Rng): Reviewer[] {
  return Array.from({ length: MODEL.reviewers.pool }, (_, r) => ({
    id: `validity-reviewer-${r + 1}`,
    name: `Reviewer ${r + 1}`,
    leniency: MODEL.reviewers.leniencySd * rng.fork(`leniency/${r}`).normal(),
  }));
}

/** One reviewer's grade of one critique on one criterion. */
export function grade(
  answer: Pick<OutputAnswer, 'quality' | 'lengthRatio'>,
  reviewer: Reviewer,
  criterion: string,
  rng: Rng,
): number {
  const m = MODEL.reviewers;
  const value =
    m.centre +
    m.slope * answer.quality +
    m.lengthSway * Math.log2(Math.max(answer.lengthRatio, 1)) +
    reviewer.leniency +
    (m.criterion[criterion] ?? 0) +
    m.noise * rng.normal();
  return Math.min(GRADE_MAX, Math.max(GRADE_MIN, Math.round(value)));
}

/**
 * Every critique of the attempts graded by 2 or 3 reviewers of the pool, on the
 * default rubric: one `assay.reviews/1` object per reviewer, as each would export.
 */
export function simulateReviews(
  model: ExerciseModel,
  attempts: readonly Attempt[],
  reviewers: readonly Reviewer[],
  rng: Rng,
): Reviews[] {
  const gradedAt = '2026-11-21T09:00:00.000Z';
  const sets: Reviews[] = reviewers.map((r) => ({
    format: REVIEWS_FORMAT,
    reviewer: { id: r.id, name: r.name },
    bundleSha256: model.bundleHash,
    rubric: DEFAULT_RUBRIC.map((c) => ({ ...c })),
    grades: [],
    exportedAt: gradedAt,
  }));
  for (const attempt of attempts) {
    const r = rng.fork(attempt.attemptId);
    for (const task of attempt.tasks)
      for (const [outputId, answer] of task.outputs) {
        const count = Math.min(reviewers.length, r.chance(0.5) ? 2 : 3);
        const chosen = [...reviewers.keys()];
        for (let i = chosen.length - 1; i > 0; i--) {
          const j = r.int(i + 1);
          [chosen[i], chosen[j]] = [chosen[j] as number, chosen[i] as number];
        }
        for (const index of chosen.slice(0, count)) {
          const reviewer = reviewers[index] as Reviewer;
          const scores = Object.fromEntries(DEFAULT_RUBRIC.map((c) => [c.id, grade(answer, reviewer, c.id, r)]));
          sets[index]?.grades.push({ attemptId: attempt.attemptId, taskId: task.taskId, outputId, scores, gradedAt });
        }
      }
  }
  return sets;
}
