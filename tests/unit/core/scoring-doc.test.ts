import { describe, expect, it } from 'vitest';
import {
  contentFreeBaseline,
  critiqueGrade,
  scoreRanking,
  scoreResult,
  validateBundle,
  validateKey,
} from '../../../src/core/index.ts';
import { bundleInput } from '../../helpers/factories.ts';
import { resultWith } from '../../helpers/answers.ts';

// The worked example of docs/scoring.md, computed by the code.
describe('docs/scoring.md worked example', () => {
  const bundle = validateBundle(
    bundleInput({
      tasks: [
        {
          id: 't1',
          title: 'Example',
          prompt: 'p',
          outputs: ['a', 'b', 'c', 'd'].map((id) => ({ id, content: `output ${id}` })),
        },
      ],
    }),
  );
  const hash = 'e'.repeat(64);
  const key = validateKey({
    format: 'assay.key/1',
    bundle: { id: bundle.id, version: bundle.version, sha256: hash },
    tasks: [
      {
        taskId: 't1',
        goldRanking: [['b'], ['a', 'd'], ['c']],
        issues: [
          { id: 'i1', outputId: 'a', category: 'factual-error', severity: 'major', description: 'wrong fact' },
          { id: 'i2', outputId: 'c', category: 'reasoning-error', severity: 'critical', description: 'bad step' },
          { id: 'i3', outputId: 'c', category: 'unsafe', severity: 'critical', description: 'dangerous' },
        ],
      },
    ],
  });

  it('ranking: tau-b 3/√30, pairwise accuracy 0.8, top-1 yes', () => {
    const s = scoreRanking(['b', 'd', 'c', 'a'], key.tasks[0]!.goldRanking);
    expect(s.tauB).toBeCloseTo(3 / Math.sqrt(30), 12);
    expect(s.pairwiseAccuracy).toBe(0.8);
    expect(s.top1).toBe(true);
  });

  it('errors: recall 2/3, precision 1/2, severity agreement 1/2; composite as in the text', () => {
    const result = resultWith(bundle, hash, {
      t1: {
        ranking: ['b', 'd', 'c', 'a'],
        outputs: {
          a: { categories: ['factual-error'], severity: 'major' },
          b: { noIssues: true },
          c: { categories: ['reasoning-error', 'tone'], severity: 'major' },
          d: { categories: ['formatting'], severity: 'minor' },
        },
      },
    });
    const unreviewed = scoreResult(result, bundle, key);
    expect(unreviewed.compositeStatus).toBe('provisional');
    expect(unreviewed.compositeParts).toEqual(['ranking', 'errorIdentification']);
    expect(unreviewed.composite).toBeCloseTo((0.8 + (2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3)) / 2, 12);
    expect(unreviewed.composite).toBeCloseTo(0.686, 3);
    // Reviewers grade every critique that was written (none here): the composite is then final.
    const s = scoreResult(result, bundle, key, () => [{ specific: 3, correct: 3, actionable: 3 }]);
    expect(s.compositeStatus).toBe('final');
    expect(s.errors.recall).toBeCloseTo(2 / 3, 12);
    expect(s.errors.precision).toBe(0.5);
    expect(s.errors.falseAlarms).toBe(2);
    expect(s.errors.severityAgreement).toBe(0.5);
    const f1 = s.parts.find((p) => p.id === 'errorIdentification')?.value as number;
    expect(f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3), 12);
    // No repeated task in this key: consistency is left out, not zero.
    expect(s.parts.find((p) => p.id === 'consistency')?.value).toBeNull();
    expect(s.composite).toBeCloseTo((0.8 + f1 + (3 - 1) / 3) / 3, 12);
    // With the text's consistency of 0.75 the weighted mean is 0.689.
    expect((0.8 + f1 + 0.5 * 0.75 + (3 - 1) / 3) / 3.5).toBeCloseTo(0.689, 3);
  });

  it('content-free baseline: one category on everything but the best gets 1/3', () => {
    const base = contentFreeBaseline(bundle, key);
    expect(base.f1).toBeCloseTo(1 / 3, 12);
    expect(base.strategy).toBe('"Factual error" on every output but the best');
    // Every category everywhere: 3 right of 32 marks.
    const p = 3 / 32;
    expect((2 * p) / (1 + p)).toBeCloseTo(0.171, 3);
  });

  it('reviewer score: critiques graded 4 | 1, 1 give 2.5', () => {
    const grades = [
      critiqueGrade([{ specific: 4 }]) as number,
      critiqueGrade([{ specific: 1 }, { specific: 1 }]) as number,
    ];
    expect(grades).toEqual([4, 1]);
    expect((grades[0]! + grades[1]!) / 2).toBe(2.5);
  });
});
