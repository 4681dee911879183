import { describe, expect, it } from 'vitest';
import {
  gradeLookup,
  reviewAgreement,
  scoreResult,
  spearmanRho,
  validateBundle,
  validateKeyForBundle,
  type CandidateScore,
} from '../../../src/core/index.ts';
import {
  alphaAcross,
  percentileAmong,
  quantile,
  rankCorrelation,
  taskScores,
} from '../../../bench/validity/analysis.ts';
import {
  detectionProbability,
  exerciseModel,
  falseAlarmProbability,
  reviewerPool,
  severityDifficulty,
  simulateAttempt,
  simulateReviews,
  type Attempt,
  type ExerciseModel,
  type Strategy,
} from '../../../bench/validity/model.ts';
import { createRng } from '../../../bench/validity/random.ts';
import { toResult } from '../../../bench/validity/result.ts';

const HASH = 'a'.repeat(64);

/**
 * A small exercise of its own (the samples change under other work): 3 tasks of 4
 * outputs, issues of every severity, a tie in one gold ranking, and a repeated task
 * whose outputs have other ids.
 */
function exercise(): ExerciseModel {
  const ids = ['p', 'q', 'r', 's'];
  const bundle = validateBundle({
    format: 'assay.bundle/1',
    id: 'validity-test',
    version: '1',
    title: 'Validity test',
    domain: 'Test',
    instructions: 'x',
    timeLimitMinutes: 30,
    timePolicy: 'soft',
    shuffleOutputs: true,
    tasks: [
      { id: 't1', title: 'T1', prompt: 'p', outputs: ids.map((id) => ({ id, content: `${id} one` })) },
      { id: 't2', title: 'T2', prompt: 'p', outputs: ids.map((id) => ({ id, content: `${id} two` })) },
      { id: 't3', title: 'T3', prompt: 'p', outputs: ['w', 'x', 'y', 'z'].map((id) => ({ id, content: `${id} one` })) },
    ],
  });
  const issue = (id: string, outputId: string, category: string, severity: string) => ({
    id,
    outputId,
    category,
    severity,
    description: 'd',
    keywords: [`kw-${id}`],
  });
  const key = validateKeyForBundle(
    {
      format: 'assay.key/1',
      bundle: { id: bundle.id, version: '1', sha256: HASH },
      tasks: [
        {
          taskId: 't1',
          goldRanking: [['p'], ['q'], ['r', 's']],
          issues: [
            issue('a1', 'q', 'reasoning-error', 'minor'),
            issue('a2', 'r', 'factual-error', 'major'),
            issue('a3', 's', 'unsafe', 'critical'),
            issue('a4', 's', 'omission', 'minor'),
          ],
        },
        {
          taskId: 't2',
          goldRanking: [['s'], ['r'], ['q'], ['p']],
          issues: [
            issue('b1', 'r', 'tone', 'minor'),
            issue('b2', 'q', 'hallucination', 'major'),
            issue('b3', 'p', 'reasoning-error', 'critical'),
            issue('b4', 'p', 'formatting', 'major'),
          ],
        },
        {
          taskId: 't3',
          goldRanking: [['y'], ['x'], ['w', 'z']],
          issues: [
            issue('c1', 'x', 'reasoning-error', 'minor'),
            issue('c2', 'w', 'factual-error', 'major'),
            issue('c3', 'z', 'unsafe', 'critical'),
            issue('c4', 'z', 'omission', 'minor'),
          ],
        },
      ],
      consistencyPairs: [{ taskA: 't1', taskB: 't3', outputMap: { p: 'y', q: 'x', r: 'w', s: 'z' } }],
    },
    bundle,
    HASH,
  );
  return exerciseModel(bundle, key, HASH, 'test');
}

const model = exercise();
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function attempts(theta: number, n: number, label: string, strategy?: Strategy): Attempt[] {
  const rng = createRng(`test/${label}`);
  return Array.from({ length: n }, (_, i) =>
    simulateAttempt(model, { attemptId: `${label}-${i}-attempt`, theta, rng: rng.fork(String(i)), strategy }),
  );
}
const score = (a: Attempt): CandidateScore => scoreResult(toResult(model, a), model.bundle, model.key);

describe('validity model: the seeded generator', () => {
  it('repeats its stream for a seed and a label, and differs for another', () => {
    const draw = (seed: string) => Array.from({ length: 5 }, createRng(seed).next);
    expect(draw('s')).toEqual(draw('s'));
    expect(draw('s')).not.toEqual(draw('t'));
    expect(createRng('s').fork('x').next()).toBe(createRng('s').fork('x').next());
  });

  it('draws standard normals (mean 0, sd 1 within sampling error)', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 20_000 }, () => rng.normal());
    const m = mean(values);
    const sd = Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
    // Standard errors: 1/√n ≈ 0.007 for the mean, ≈ 0.005 for the sd.
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('gives the same attempt for the same seed', () => {
    expect(attempts(0.3, 2, 'same')).toEqual(attempts(0.3, 2, 'same'));
    expect(attempts(0.3, 2, 'same')).not.toEqual(attempts(0.3, 2, 'other'));
  });
});

describe('validity model: more skill, better answers', () => {
  it('detects more with skill and less for subtler issues; false alarms fall with skill', () => {
    expect(detectionProbability(1, 0)).toBeGreaterThan(detectionProbability(0, 0));
    expect(detectionProbability(0, 0.8)).toBeLessThan(detectionProbability(0, -0.8));
    expect(falseAlarmProbability(1)).toBeLessThan(falseAlarmProbability(-1));
    // Minor (index 0) is the subtlest, critical (last) the plainest.
    expect(severityDifficulty(0, 3)).toBeGreaterThan(severityDifficulty(1, 3));
    expect(severityDifficulty(1, 3)).toBeGreaterThan(severityDifficulty(2, 3));
  });

  it('scored by the real scorer: found issues, precision, ranking, severity and critique length rise with θ', () => {
    const levels = [-1.5, 0, 1.5].map((theta) => {
      const scores = attempts(theta, 150, `theta${theta}`).map(score);
      return {
        found: mean(scores.map((s) => s.errors.found)),
        falseAlarms: mean(scores.map((s) => s.errors.falseAlarms)),
        ranking: mean(scores.map((s) => s.ranking.meanPairwiseAccuracy ?? 0)),
        severity: mean(scores.map((s) => s.errors.severityAgreement ?? 0)),
        length: mean(scores.flatMap((s) => s.tasks.flatMap((t) => t.outputs.map((o) => o.critiqueLength)))),
        keywords: mean(
          scores.map(
            (s) =>
              s.tasks.flatMap((t) => t.outputs.flatMap((o) => o.issues.flatMap((i) => i.keywordsMentioned))).length,
          ),
        ),
      };
    });
    for (let i = 1; i < levels.length; i++) {
      const [lo, hi] = [levels[i - 1]!, levels[i]!];
      expect(hi.found).toBeGreaterThan(lo.found);
      expect(hi.falseAlarms).toBeLessThan(lo.falseAlarms);
      expect(hi.ranking).toBeGreaterThan(lo.ranking);
      expect(hi.severity).toBeGreaterThan(lo.severity);
      expect(hi.length).toBeGreaterThan(lo.length);
      expect(hi.keywords).toBeGreaterThan(lo.keywords);
    }
  });

  it('reviewers grade better critiques higher and agree at about alpha 0.5', () => {
    const rng = createRng('reviews');
    const thetas = Array.from({ length: 150 }, () => rng.normal());
    const population = thetas.map((theta, i) =>
      simulateAttempt(model, { attemptId: `pop-${i}-attempt`, theta, rng: rng.fork(`a${i}`) }),
    );
    const sets = simulateReviews(model, population, reviewerPool(rng.fork('pool')), rng.fork('grades'));
    const lookup = gradeLookup(sets);
    const grades = population.map(
      (a) => scoreResult(toResult(model, a), model.bundle, model.key, lookup).reviewScore ?? NaN,
    );
    expect(spearmanRho(thetas, grades)).toBeGreaterThan(0.7);
    const alpha = reviewAgreement(sets).alpha ?? NaN;
    expect(alpha).toBeGreaterThan(0.35);
    expect(alpha).toBeLessThan(0.65);
    // Every critique is graded by 2 or 3 reviewers.
    const perCritique = new Map<string, number>();
    for (const set of sets)
      for (const g of set.grades) {
        const k = `${g.attemptId}/${g.taskId}/${g.outputId}`;
        perCritique.set(k, (perCritique.get(k) ?? 0) + 1);
      }
    expect(new Set(perCritique.values())).toEqual(new Set([2, 3]));
  });
});

describe('validity model: content-free strategies reach the scorer as answered', () => {
  it('mark all, mark none and one category but the first-ranked', () => {
    const [all] = attempts(0, 1, 'all', { id: 'all', label: 'all', marks: { kind: 'all' } });
    const allScore = score(all!);
    expect(allScore.errors.recall).toBe(1);
    expect(allScore.tasks.every((t) => t.outputs.every((o) => o.categories.length === model.categories.length))).toBe(
      true,
    );
    const [none] = attempts(0, 1, 'none', { id: 'none', label: 'none', marks: { kind: 'none' } });
    const noneScore = score(none!);
    expect(noneScore.errors.marks).toBe(0);
    expect(noneScore.tasks.every((t) => t.outputs.every((o) => o.noIssues && o.severity === null))).toBe(true);
    const [one] = attempts(0, 1, 'one', {
      id: 'one',
      label: 'one',
      marks: { kind: 'one-but-first', category: 'tone' },
    });
    for (const t of score(one!).tasks)
      for (const o of t.outputs) expect(o.categories).toEqual(o.outputId === t.ranking.candidate?.[0] ? [] : ['tone']);
  });

  it('rank in shown order, by id, and copy the repeat by position', () => {
    const [shown] = attempts(0, 1, 'shown', { id: 'shown', label: 'shown', ranking: 'shown' });
    for (const t of shown!.tasks) expect(t.ranking).toEqual(t.shown);
    const [byId] = attempts(0, 1, 'id', { id: 'id', label: 'id', ranking: 'by-id' });
    for (const t of byId!.tasks) expect(t.ranking).toEqual([...t.shown].sort());
    const [copy] = attempts(0, 1, 'copy', { id: 'copy', label: 'copy', repeat: 'position' });
    const [a, , b] = copy!.tasks;
    expect(b!.ranking.map((id) => b!.shown.indexOf(id))).toEqual(a!.ranking.map((id) => a!.shown.indexOf(id)));
    b!.shown.forEach((id, i) =>
      expect(b!.outputs.get(id)?.categories).toEqual(a!.outputs.get(a!.shown[i]!)?.categories),
    );
  });

  it('keyword-stuffed critiques hold every key keyword and are long but graded low', () => {
    const [stuffed] = attempts(0, 1, 'stuffed', { id: 's', label: 's', critique: 'stuffed' });
    const s = score(stuffed!);
    for (const t of s.tasks)
      for (const o of t.outputs) for (const i of o.issues) expect(i.keywordsMentioned).toEqual(i.issue.keywords);
    const [honest] = attempts(0, 1, 'honest-length');
    const length = (x: CandidateScore) => mean(x.tasks.flatMap((t) => t.outputs.map((o) => o.critiqueLength)));
    expect(length(s)).toBeGreaterThan(2 * length(score(honest!)));
  });
});

describe('validity figures: the statistics', () => {
  it('percentiles count ties as half', () => {
    expect(percentileAmong([1, 2, 3, 4], 3)).toBe(62.5);
    expect(percentileAmong([1, 2, 3, 4], 0)).toBe(0);
    expect(percentileAmong([1, 2, 3, 4], 9)).toBe(100);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
  });

  it('rank correlation drops unknown values and is spearmanRho on the rest (scipy docstring example)', () => {
    // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) → 0.8207826816681233
    const { rho, n } = rankCorrelation([1, 2, null, 3, 4, 5], [5, 6, 9, 7, 8, 7]);
    expect(n).toBe(5);
    expect(rho).toBeCloseTo(0.8207826816681233, 15);
  });

  it("Cronbach's alpha across tasks drops incomplete candidates and uses the core's statistic", () => {
    // Two items that are copies of each other: alpha 1; the row with a gap is dropped.
    const { alpha, n } = alphaAcross([
      [1, 1],
      [2, 2],
      [3, null],
      [4, 4],
    ]);
    expect(n).toBe(3);
    expect(alpha).toBeCloseTo(1, 12);
  });

  it('per-task scores are the mean of the task’s ranking accuracy and F1, and the critique grade after reviews', () => {
    const [a] = attempts(1, 1, 'tasks');
    const s = score(a!);
    const t = s.tasks[0]!;
    const r = t.errors.recall!;
    const p = t.errors.precision ?? 0;
    const f1 = r + p === 0 ? 0 : (2 * r * p) / (r + p);
    expect(taskScores(s, false)[0]).toBeCloseTo((t.ranking.pairwiseAccuracy! + f1) / 2, 12);
  });
});
