/**
 * Scores a hiring team can trust (issue 11): a result cannot score what it did not
 * earn, whatever the file contains. The schema refuses repeated set members; the
 * scorer, which must not rely on that (anyone can sign a file of their own making),
 * keeps every part in its range on hostile input.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AssayError,
  candidateRow,
  compareByComposite,
  contentFreeBaseline,
  critiqueGrade,
  CSV_COLUMNS,
  formatCell,
  loadBundleText,
  scoreResult,
  validateKey,
  validateKeyForBundle,
  validateResult,
  type AnswerKey,
  type CandidateRow,
  type LoadedBundle,
  type Result,
} from '../../../src/core/index.ts';
import { perfectAnswers, resultWith } from '../../helpers/answers.ts';

const loaded: LoadedBundle = await loadBundleText(readFileSync('exercises/math-science-reasoning.json', 'utf8'));
const key: AnswerKey = validateKeyForBundle(
  JSON.parse(readFileSync('exercises/keys/math-science-reasoning.key.json', 'utf8')),
  loaded.bundle,
  loaded.hash,
);
const { bundle } = loaded;
const perfect = () => resultWith(bundle, loaded.hash, perfectAnswers(bundle, key));
const pair = key.consistencyPairs[0]!;

describe('repeated categories', () => {
  /** The file `assay score` once printed consistency 706 % for: one category listed many times on a repeated task. */
  function stuffed(): Result {
    const result = perfect();
    for (const taskId of [pair.taskA, pair.taskB])
      for (const out of result.tasks.find((t) => t.taskId === taskId)!.outputs)
        out.categories = Array.from({ length: 8 }, () => 'reasoning-error');
    return result;
  }

  it('are refused by the result schema, with the path of the repeat', () => {
    const error = (() => {
      try {
        validateResult(JSON.parse(JSON.stringify(stuffed())));
      } catch (e) {
        return e as AssayError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(AssayError);
    expect(error?.code).toBe('SCHEMA_INVALID');
    expect(error?.issues[0]?.path).toMatch(/^\$\.tasks\[\d+\]\.outputs\[0\]\.categories\[1\]$/);
    expect(error?.issues[0]?.message).toContain('"reasoning-error" twice');
  });

  it('are refused in rankings, shown orders and task answers too', () => {
    const twice = perfect();
    twice.tasks.push(structuredClone(twice.tasks[0]!));
    expect(() => validateResult(twice)).toThrow(/answers task "[^"]+" twice/);
    const ranked = perfect();
    ranked.tasks[0]!.ranking = [ranked.tasks[0]!.ranking![0]!, ...ranked.tasks[0]!.ranking!.slice(0, -1)];
    expect(() => validateResult(ranked)).toThrow(/ranking\[1\] lists the output/);
  });

  it('count once in the scorer: consistency and precision stay within [0, 1]', () => {
    const s = scoreResult(stuffed(), bundle, key);
    expect(s.consistency[0]?.categoryOverlap).toBeLessThanOrEqual(1);
    expect(s.meanConsistency).toBeLessThanOrEqual(1);
    const stuffedTasks = s.tasks.filter((t) => t.taskId === pair.taskA || t.taskId === pair.taskB);
    for (const t of stuffedTasks) expect(t.errors.marks).toBe(t.outputs.length);
    expect(s.composite).toBeLessThanOrEqual(1);
    for (const t of s.tasks) for (const o of t.outputs) expect(new Set(o.categories).size).toBe(o.categories.length);
  });
});

describe('a result that leaves tasks out or answers unknown ones', () => {
  it('is scored on the key’s tasks: a left-out task counts as unanswered, not as absent', () => {
    const full = scoreResult(perfect(), bundle, key);
    const partial = perfect();
    partial.tasks = partial.tasks.slice(0, 1);
    partial.tasks.push({ ...structuredClone(partial.tasks[0]!), taskId: 'not-in-the-bundle' });
    const s = scoreResult(partial, bundle, key);
    expect(s.tasks.map((t) => t.taskId)).toEqual(full.tasks.map((t) => t.taskId));
    expect(s.tasks.filter((t) => !t.answered)).toHaveLength(bundle.tasks.length - 1);
    expect(s.ranking.meanPairwiseAccuracy as number).toBeLessThan(0.5);
    expect(s.errors.recall as number).toBeLessThan(0.5);
    expect(s.composite as number).toBeLessThan(full.composite as number);
  });
});

// Hostile results: any ids (the bundle's and others), repeats, missing tasks, any numbers.
const bundleTaskIds = bundle.tasks.map((t) => t.id);
const someOutputIds = [...new Set(bundle.tasks.flatMap((t) => t.outputs.map((o) => o.id))), 'zz', 'o9'];
const someCategories = [...bundle.taxonomy.map((c) => c.id), 'made-up'];
const id = (pool: string[]) => fc.constantFrom(...pool);
const hostileOutput = fc.record({
  outputId: id(someOutputIds),
  label: fc.constant('A'),
  critique: fc.string({ maxLength: 40 }),
  categories: fc.array(id(someCategories), { maxLength: 12 }),
  severity: fc.option(id([...bundle.severities.map((s) => s.id), 'huge']), { nil: null }),
  noIssues: fc.boolean(),
});
const hostileTask = fc.record({
  taskId: id([...bundleTaskIds, 'unknown-task']),
  shownOrder: fc.array(id(someOutputIds), { maxLength: 8 }),
  ranking: fc.option(fc.array(id(someOutputIds), { maxLength: 12 }), { nil: null }),
  activeMs: fc.oneof(fc.nat(), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY)),
  outputs: fc.array(hostileOutput, { maxLength: 8 }),
});
const hostileGrade = fc.oneof(fc.integer({ min: -5, max: 9 }), fc.double(), fc.constant(Number.NaN));
const hostileReviews = fc.array(fc.dictionary(fc.constantFrom('specific', 'correct', 'actionable'), hostileGrade), {
  maxLength: 4,
});
const hostileWeights = fc.record({
  ranking: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(0)),
  errorIdentification: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(0)),
  consistency: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(0)),
  critique: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(0)),
});

const inUnit = (v: number | null) => v === null || (v >= 0 && v <= 1);

describe('every part of a score stays within its range whatever the file contains (property)', () => {
  it('holds for random hostile results, reviews and weights', () => {
    fc.assert(
      fc.property(fc.array(hostileTask, { maxLength: 8 }), hostileReviews, hostileWeights, (tasks, grades, weights) => {
        const result = { ...perfect(), tasks } as Result;
        const s = scoreResult(result, bundle, { ...key, weights }, () => grades);
        for (const p of s.parts) expect(inUnit(p.value), `${p.id} = ${p.value}`).toBe(true);
        expect(inUnit(s.composite)).toBe(true);
        for (const v of [s.errors.recall, s.errors.precision, s.errors.f1, s.errors.severityAgreement])
          expect(inUnit(v)).toBe(true);
        for (const v of [s.ranking.meanPairwiseAccuracy, s.ranking.top1Rate, s.meanConsistency])
          expect(inUnit(v)).toBe(true);
        expect(s.errors.found).toBeLessThanOrEqual(s.errors.knownIssues);
        expect(s.errors.falseAlarms).toBeLessThanOrEqual(s.errors.marks);
        if (s.ranking.meanTauB !== null) expect(Math.abs(s.ranking.meanTauB)).toBeLessThanOrEqual(1);
        if (s.reviewScore !== null) expect(s.reviewScore >= 1 && s.reviewScore <= 4).toBe(true);
        for (const c of s.consistency) {
          expect(inUnit(c.categoryOverlap)).toBe(true);
          if (c.tauB !== null) expect(Math.abs(c.tauB)).toBeLessThanOrEqual(1);
        }
        for (const t of s.tasks) {
          expect(inUnit(t.ranking.pairwiseAccuracy)).toBe(true);
          expect(t.ranking.agreeingPairs).toBeLessThanOrEqual(t.ranking.orderedPairs);
        }
        expect(Number.isFinite(s.time.activeMsTotal)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never scores a hostile result above a perfect one', () => {
    const best = scoreResult(perfect(), bundle, key).composite as number;
    fc.assert(
      fc.property(fc.array(hostileTask, { maxLength: 8 }), (tasks) => {
        const s = scoreResult({ ...perfect(), tasks } as Result, bundle, key);
        expect(s.composite ?? 0).toBeLessThanOrEqual(best + 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the reviewer score: each critique counts once', () => {
  it('is the mean over critiques of each critique’s grade (docs/scoring.md: grades 4 | 1, 1)', () => {
    // One critique graded 4 by one reviewer; another graded 1 by two reviewers.
    expect(critiqueGrade([{ specific: 4 }])).toBe(4);
    expect(critiqueGrade([{ specific: 1 }, { specific: 1 }])).toBe(1);
    const [first, second] = [bundle.tasks[0]!, bundle.tasks[1]!];
    const grades = (taskId: string, outputId: string) =>
      taskId === first.id && outputId === first.outputs[0]!.id
        ? [{ specific: 4 }]
        : taskId === second.id && outputId === second.outputs[0]!.id
          ? [{ specific: 1 }, { specific: 1 }]
          : [];
    const answers = perfectAnswers(bundle, key);
    answers[first.id]!.outputs![first.outputs[0]!.id]!.critique = 'A critique.';
    answers[second.id]!.outputs![second.outputs[0]!.id]!.critique = 'Another critique.';
    const s = scoreResult(resultWith(bundle, loaded.hash, answers), bundle, key, (_, t, o) => grades(t, o));
    expect(s.reviewScore).toBe(2.5);
    expect(s.parts.find((p) => p.id === 'critique')?.value).toBe(0.5);
  });

  it('takes each criterion’s mean over reviewers, then the mean over criteria; ignores grades outside 1–4', () => {
    expect(critiqueGrade([{ specific: 4, correct: 2 }, { specific: 2 }])).toBe(2.5);
    expect(critiqueGrade([{ specific: 9, correct: Number.NaN }, { specific: 0 }])).toBeNull();
    expect(critiqueGrade([])).toBeNull();
  });
});

const row = (verdict: 'ok' | 'fail', result = perfect(), reviewed = false) =>
  candidateRow(
    result,
    {
      verdict,
      checks: verdict === 'fail' ? [{ id: 'signature', status: 'fail', message: 'The signature does not match.' }] : [],
    },
    scoreResult(result, bundle, key, reviewed ? () => [{ specific: 3, correct: 3, actionable: 3 }] : undefined),
  );

describe('a result whose integrity check failed', () => {
  it('is listed with its reason but has no score in the row or the CSV', () => {
    const r = row('fail');
    expect(r.composite).toBeNull();
    expect(r.errorRecall).toBeNull();
    expect(r.falseAlarms).toBeNull();
    expect(r.notScored).toBe('integrity check failed: The signature does not match.');
    const cells = Object.fromEntries(CSV_COLUMNS.map((c) => [c.header, formatCell(r, c)]));
    expect(cells.composite).toBe('');
    expect(cells.error_recall).toBe('');
    expect(cells.not_scored_because).toContain('signature does not match');
    expect(row('ok').notScored).toBe('');
  });

  it('sorts after every scored row', () => {
    const rows = [row('fail'), row('ok')];
    rows.sort((a, b) => compareByComposite(a, b));
    expect(rows.map((r) => r.verdict)).toEqual(['ok', 'fail']);
  });
});

describe('composites made of different parts', () => {
  const answered = () => {
    const answers = perfectAnswers(bundle, key);
    for (const t of Object.values(answers))
      for (const o of Object.values(t.outputs ?? {})) o.critique = 'Quotes the step and says why it is wrong.';
    return resultWith(bundle, loaded.hash, answers);
  };

  it('mark a composite awaiting reviews as provisional, with its parts', () => {
    const before = row('ok', answered());
    expect(before.compositeStatus).toBe('provisional');
    expect(before.compositeParts).toBe('ranking+errors+consistency');
    const after = row('ok', answered(), true);
    expect(after.compositeStatus).toBe('final');
    expect(after.compositeParts).toBe('ranking+errors+consistency+critique');
  });

  it('are not ranked together: final before provisional, whatever the numbers', () => {
    const provisional = row('ok', answered()); // 100 % before reviews
    const final = row('ok', answered(), true); // 100 % × 3.5 parts + 67 % critique → lower number
    expect(final.composite as number).toBeLessThan(provisional.composite as number);
    const rows = [provisional, final].sort((a, b) => compareByComposite(a, b));
    expect(rows[0]).toBe(final);
  });

  it('group by their parts, more parts first', () => {
    const withParts = (composite: number, compositeParts: string): CandidateRow =>
      ({ ...row('ok'), composite, compositeStatus: 'final', compositeParts }) as CandidateRow;
    const rows = [
      withParts(0.9, 'ranking+errors'),
      withParts(0.5, 'ranking+errors+consistency'),
      withParts(0.7, 'ranking+errors+consistency'),
    ].sort((a, b) => compareByComposite(a, b));
    expect(rows.map((r) => r.composite)).toEqual([0.7, 0.5, 0.9]);
  });
});

describe('the content-free baseline', () => {
  it('is the F1 of the best strategy that reads nothing', () => {
    // Nine issues of one category on the outputs that are not the best: marking that
    // category everywhere but the best output finds them all, with few false alarms.
    const b = structuredClone(bundle);
    const t = b.tasks[0]!;
    const best = t.outputs[0]!.id;
    const k = validateKey({
      format: 'assay.key/1',
      bundle: key.bundle,
      tasks: [
        {
          taskId: t.id,
          goldRanking: [[best], t.outputs.slice(1).map((o) => o.id)],
          issues: t.outputs
            .slice(1)
            .flatMap((o, i) => [
              { id: `r${i}`, outputId: o.id, category: 'reasoning-error', severity: 'major', description: 'x' },
              ...(i === 0
                ? [{ id: 'f', outputId: o.id, category: 'factual-error', severity: 'minor', description: 'y' }]
                : []),
            ]),
        },
      ],
    });
    const base = contentFreeBaseline(b, k);
    const issues = t.outputs.length; // (n − 1) reasoning + 1 factual
    const recall = (t.outputs.length - 1) / issues;
    expect(base.f1).toBeCloseTo((2 * recall * 1) / (recall + 1), 12);
    expect(base.strategy).toContain('on every output but the best');
  });
});
