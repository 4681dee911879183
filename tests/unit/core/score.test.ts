import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  loadBundleText,
  scoreRanking,
  scoreResult,
  validateKeyForBundle,
  type AnswerKey,
  type LoadedBundle,
} from '../../../src/core/index.ts';
import { perfectAnswers, resultWith, type TaskAnswers } from '../../helpers/answers.ts';

const loaded: LoadedBundle = await loadBundleText(readFileSync('exercises/math-science-reasoning.json', 'utf8'));
const key: AnswerKey = validateKeyForBundle(
  JSON.parse(readFileSync('exercises/keys/math-science-reasoning.key.json', 'utf8')),
  loaded.bundle,
  loaded.hash,
);
const score = (answers: Record<string, TaskAnswers>) =>
  scoreResult(resultWith(loaded.bundle, loaded.hash, answers), loaded.bundle, key);

describe('scoreRanking against gold tiers', () => {
  const gold = [['b'], ['a', 'd'], ['c']];

  it('counts only the pairs the gold orders', () => {
    const s = scoreRanking(['b', 'a', 'd', 'c'], gold);
    // 6 pairs, one of them (a, d) tied in the gold: 5 ordered pairs, all agreed.
    expect(s.orderedPairs).toBe(5);
    expect(s.agreeingPairs).toBe(5);
    expect(s.pairwiseAccuracy).toBe(1);
    expect(s.top1).toBe(true);
    // tau-b with one tie in y: (5 − 0) / sqrt(6 × 5).
    expect(s.tauB).toBeCloseTo(5 / Math.sqrt(30), 12);
  });

  it('scores a reversed ranking at the bottom', () => {
    const s = scoreRanking(['c', 'd', 'a', 'b'], gold);
    expect(s.pairwiseAccuracy).toBe(0);
    expect(s.tauB).toBeCloseTo(-5 / Math.sqrt(30), 12);
    expect(s.top1).toBe(false);
  });

  it('scores a task that was not ranked 0 of the pairs the gold orders (never left out of the mean)', () => {
    expect(scoreRanking(null, gold)).toMatchObject({
      tauB: null,
      orderedPairs: 5,
      agreeingPairs: 0,
      pairwiseAccuracy: 0,
      top1: null,
    });
  });

  it('reads a hostile ranking as each gold output once: repeats and unknown ids add no pair', () => {
    const honest = scoreRanking(['b', 'a', 'd', 'c'], gold);
    const padded = scoreRanking(['b', 'b', 'b', 'zz', 'a', 'a', 'd', 'c', 'c'], gold);
    expect(padded).toMatchObject({ orderedPairs: 5, agreeingPairs: honest.agreeingPairs, tauB: honest.tauB });
    // A partial ranking cannot score above a complete one: the unranked output's pairs are not agreed with.
    expect(scoreRanking(['b'], gold)).toMatchObject({ pairwiseAccuracy: 0, tauB: null, top1: null });
    expect(scoreRanking(['b', 'a'], gold).pairwiseAccuracy).toBe(1 / 5);
  });
});

describe('scoreResult on hand-built candidates (math & science sample)', () => {
  it('gives a candidate who agrees with the key in everything full marks on every part', () => {
    const s = score(perfectAnswers(loaded.bundle, key));
    expect(s.errors.recall).toBe(1);
    expect(s.errors.falseAlarms).toBe(0);
    expect(s.errors.precision).toBe(1);
    expect(s.errors.severityAgreement).toBe(1);
    expect(s.ranking.meanPairwiseAccuracy).toBe(1);
    expect(s.ranking.top1Rate).toBe(1);
    expect(s.meanConsistency).toBe(1);
    expect(s.consistency[0]).toMatchObject({
      taskA: 'kettle-energy',
      taskB: 'kettle-boil-cost',
      tauB: 1,
      categoryOverlap: 1,
    });
    expect(s.composite).toBe(1);
    // The critique part waits for reviewers: shown, not counted.
    expect(s.parts.find((p) => p.id === 'critique')?.value).toBeNull();
  });

  it('gives a candidate who marks only the critical issues exactly the share of issues they found', () => {
    const answers: Record<string, TaskAnswers> = {};
    let critical = 0;
    let total = 0;
    for (const t of key.tasks) {
      const outputs: NonNullable<TaskAnswers['outputs']> = {};
      for (const issue of t.issues) {
        total++;
        if (issue.severity !== 'critical') continue;
        const current = outputs[issue.outputId] ?? { categories: [], severity: 'critical' };
        if (!current.categories?.includes(issue.category))
          current.categories = [...(current.categories ?? []), issue.category];
        outputs[issue.outputId] = current;
      }
      answers[t.taskId] = { ranking: t.goldRanking.flat(), outputs };
    }
    // An output with a critical issue may carry another issue of the same category: found too.
    const s = score(answers);
    for (const t of key.tasks) for (const i of t.issues) if (i.severity === 'critical') critical++;
    expect(critical).toBeGreaterThan(0);
    expect(s.errors.knownIssues).toBe(total);
    expect(s.errors.found).toBeGreaterThanOrEqual(critical);
    expect(s.errors.falseAlarms).toBe(0);
    expect(s.errors.precision).toBe(1);
    expect(s.errors.recall).toBe(s.errors.found / total);
    expect(s.errors.recall).toBeLessThan(1);
    const perfect = score(perfectAnswers(loaded.bundle, key));
    expect(s.composite as number).toBeLessThan(perfect.composite as number);
  });

  it('marks every category not in the key as a false alarm, and lowers the composite', () => {
    const answers = perfectAnswers(loaded.bundle, key);
    const first = key.tasks[0]!;
    const clean = loaded.bundle.tasks[0]!.outputs.find((o) => !first.issues.some((i) => i.outputId === o.id))!;
    answers[first.taskId]!.outputs![clean.id] = { categories: ['tone', 'formatting'], severity: 'minor' };
    const s = score(answers);
    expect(s.errors.falseAlarms).toBe(2);
    expect(s.tasks[0]!.outputs.find((o) => o.outputId === clean.id)?.falseAlarms).toEqual(['tone', 'formatting']);
    expect(s.errors.recall).toBe(1);
    expect(s.errors.precision as number).toBeLessThan(1);
    expect(s.composite as number).toBeLessThan(1);
  });

  it('catches an inconsistent candidate: the repeated task ranked in reverse', () => {
    const answers = perfectAnswers(loaded.bundle, key);
    answers['kettle-boil-cost']!.ranking = [...answers['kettle-boil-cost']!.ranking!].reverse();
    answers['kettle-boil-cost']!.outputs = {};
    const s = score(answers);
    expect(s.consistency[0]?.tauB).toBe(-1);
    // The output with no issue is empty on both sides: nothing to agree on, so not counted;
    // the others were marked once and not the second time.
    expect(s.consistency[0]?.categoryOverlap).toBe(0);
    expect(s.meanConsistency).toBe(0);
    expect(s.parts.find((p) => p.id === 'consistency')?.value).toBe(0);
  });

  it('does not count two empty sets of categories as agreement on a repeated task', () => {
    const answers = perfectAnswers(loaded.bundle, key);
    for (const id of ['kettle-energy', 'kettle-boil-cost']) answers[id]!.outputs = {};
    const s = score(answers);
    expect(s.consistency[0]?.categoryOverlap).toBeNull();
    // Only the rankings are compared: identical, so (1 + 1) / 2.
    expect(s.meanConsistency).toBe(1);
  });

  it('keeps random candidates near chance on ranking, and well below a careful one (property)', () => {
    const accuracies: number[] = [];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
        const answers: Record<string, TaskAnswers> = {};
        for (const task of loaded.bundle.tasks) {
          const ids = task.outputs.map((o) => o.id).sort(() => next() - 0.5);
          const outputs: NonNullable<TaskAnswers['outputs']> = {};
          for (const id of ids) {
            const categories = loaded.bundle.taxonomy.filter(() => next() < 0.2).map((c) => c.id);
            outputs[id] = categories.length ? { categories, severity: 'major' } : { noIssues: true };
          }
          answers[task.id] = { ranking: ids, outputs };
        }
        const s = score(answers);
        accuracies.push(s.ranking.meanPairwiseAccuracy as number);
        expect(s.composite as number).toBeLessThan(score(perfectAnswers(loaded.bundle, key)).composite as number);
      }),
      { numRuns: 200 },
    );
    const meanAccuracy = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    expect(meanAccuracy).toBeGreaterThan(0.4);
    expect(meanAccuracy).toBeLessThan(0.6);
  });

  it('records the keywords a critique mentions and the time spent', () => {
    const answers = perfectAnswers(loaded.bundle, key);
    const issue = key.tasks[0]!.issues.find((i) => i.keywords && i.keywords.length > 0)!;
    answers[key.tasks[0]!.taskId]!.outputs![issue.outputId]!.critique =
      `It says ${issue.keywords![0]!.toUpperCase()} here.`;
    answers[key.tasks[0]!.taskId]!.activeMs = 123_000;
    const s = score(answers);
    const scored = s.tasks[0]!.outputs.find((o) => o.outputId === issue.outputId)!.issues.find(
      (i) => i.issue.id === issue.id,
    )!;
    expect(scored.keywordsMentioned).toEqual([issue.keywords![0]]);
    expect(s.tasks[0]!.activeMs).toBe(123_000);
    expect(s.time.perTaskMs[key.tasks[0]!.taskId]).toBe(123_000);
  });

  it('weights the composite by the key and shows every part', () => {
    const s = score(perfectAnswers(loaded.bundle, key));
    expect(s.parts.map((p) => p.id)).toEqual(['ranking', 'errorIdentification', 'consistency', 'critique']);
    expect(s.parts.every((p) => p.basis.length > 10)).toBe(true);
    const reviewed = scoreResult(
      resultWith(loaded.bundle, loaded.hash, perfectAnswers(loaded.bundle, key)),
      loaded.bundle,
      key,
      () => [{ specific: 1, correct: 1, actionable: 1 }],
    );
    // Critique part 0 now counts with weight 1 among ranking 1, errors 1, consistency 0.5.
    expect(reviewed.parts.find((p) => p.id === 'critique')?.value).toBe(0);
    expect(reviewed.composite).toBeCloseTo((1 + 1 + 0.5 * 1 + 0) / 3.5, 12);
  });
});
