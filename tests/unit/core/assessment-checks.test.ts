import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assessmentChecks,
  BundleSchema,
  KeySchema,
  loadBundleText,
  looksOrdinal,
  validateKey,
  type AnswerKey,
  type AssessmentWarningCode,
  type Bundle,
  type BundleInput,
} from '../../../src/core/index.ts';

/**
 * A bundle and key that leak nothing: random ids, shuffling on, the best output at
 * a different place in each task, a task whose best output has a minor flaw, one
 * issue per (output, category), mixed categories, and a repeated task (t3 repeats
 * t1) with new ids in another order.
 */
function goodInput(): BundleInput {
  return {
    format: 'assay.bundle/1',
    id: 'checks',
    version: '1',
    title: 'Checks',
    domain: 'Testing',
    instructions: 'Rank and critique.',
    timeLimitMinutes: 30,
    timePolicy: 'soft',
    shuffleOutputs: true,
    tasks: [
      {
        id: 't1',
        title: 'One',
        prompt: 'Explain it.',
        outputs: [
          { id: 'k3x9qa', content: 'Leaves out the key step.' },
          { id: 'm7pz2d', content: 'A complete, correct answer.' },
          { id: 'w4hr8c', content: 'Cites a paper that does not exist.' },
        ],
      },
      {
        id: 't2',
        title: 'Two',
        prompt: 'Reply to the customer.',
        outputs: [
          { id: 'p2vn6e', content: 'Right, a little curt.' },
          { id: 'r8ty3u', content: 'Quotes the wrong price.' },
        ],
      },
      {
        id: 't3',
        title: 'One again',
        prompt: 'Explain it.',
        outputs: [
          { id: 'j5wq7z', content: 'Cites a paper that does not exist.' },
          { id: 'f9ke4m', content: 'Leaves out the key step.' },
          { id: 'd6ub2s', content: 'A complete, correct answer.' },
        ],
      },
    ],
  };
}

const issue = (id: string, outputId: string, category: string, severity = 'major') => ({
  id,
  outputId,
  category,
  severity,
  description: `${id} on ${outputId}`,
});

function goodKey(): AnswerKey {
  return KeySchema.parse({
    format: 'assay.key/1',
    bundle: { id: 'checks', version: '1', sha256: 'a'.repeat(64) },
    tasks: [
      {
        taskId: 't1',
        goldRanking: [['m7pz2d'], ['k3x9qa'], ['w4hr8c']],
        issues: [issue('gap', 'k3x9qa', 'omission'), issue('fake-paper', 'w4hr8c', 'hallucination')],
      },
      {
        taskId: 't2',
        goldRanking: [['p2vn6e'], ['r8ty3u']],
        issues: [issue('curt', 'p2vn6e', 'tone', 'minor'), issue('price', 'r8ty3u', 'factual-error')],
      },
      {
        taskId: 't3',
        goldRanking: [['d6ub2s'], ['f9ke4m'], ['j5wq7z']],
        issues: [issue('gap', 'f9ke4m', 'omission'), issue('fake-paper', 'j5wq7z', 'hallucination')],
      },
    ],
    consistencyPairs: [
      { taskA: 't1', taskB: 't3', outputMap: { k3x9qa: 'f9ke4m', m7pz2d: 'd6ub2s', w4hr8c: 'j5wq7z' } },
    ],
  });
}

const bundleOf = (input: BundleInput): Bundle => BundleSchema.parse(input);
const codes = (bundle: Bundle, key?: AnswerKey): AssessmentWarningCode[] =>
  assessmentChecks(bundle, key).map((w) => w.code);

/** Renames an output in a task of the bundle input and everywhere in the key. */
function rename(input: BundleInput, key: AnswerKey, taskId: string, from: string, to: string) {
  const task = input.tasks.find((t) => t.id === taskId)!;
  task.outputs.find((o) => o.id === from)!.id = to;
  const taskKey = key.tasks.find((t) => t.taskId === taskId)!;
  taskKey.goldRanking = taskKey.goldRanking.map((tier) => tier.map((id) => (id === from ? to : id)));
  for (const i of taskKey.issues) if (i.outputId === from) i.outputId = to;
  for (const pair of key.consistencyPairs) {
    if (pair.taskA === taskId && from in pair.outputMap) {
      pair.outputMap[to] = pair.outputMap[from]!;
      delete pair.outputMap[from];
    }
    if (pair.taskB === taskId)
      for (const [a, b] of Object.entries(pair.outputMap)) if (b === from) pair.outputMap[a] = to;
  }
}

describe('assessmentChecks', () => {
  it('is silent on a bundle and key that leak nothing', () => {
    expect(assessmentChecks(bundleOf(goodInput()), goodKey())).toEqual([]);
    expect(assessmentChecks(bundleOf(goodInput()))).toEqual([]);
  });

  it('warns when output ids are ordinal, naming the first such task', () => {
    const input = goodInput();
    input.tasks[1]!.outputs = [
      { id: 'o1', content: 'Right, a little curt.' },
      { id: 'o2', content: 'Quotes the wrong price.' },
    ];
    const warnings = assessmentChecks(bundleOf(input));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'ordinal-output-ids', file: 'bundle', path: '$.tasks[1].outputs' });
    expect(warnings[0]!.message).toContain('in 1 of 3 tasks ("t2")');
  });

  it('recognises the usual ordinal id styles, and not random ids', () => {
    for (const ids of [
      ['o1', 'o2', 'o3'],
      ['o3', 'o1', 'o2'],
      ['a', 'b', 'c', 'd'],
      ['B', 'A'],
      ['1', '2', '3'],
      ['0', '1'],
      ['r1', 'r2', 'r3', 'r4'],
      ['response-1', 'response-2'],
      ['Output_A', 'output_b'],
      ['out1-v', 'out2-v'],
    ])
      expect(looksOrdinal(ids), ids.join(',')).toBe(true);
    for (const ids of [
      ['k3x9qa', 'm7pz2d', 'w4hr8c'],
      ['7f3a9c', '2b8e1d'],
      ['x1', 'y2'],
      ['o1', 'o3'],
      ['a', 'c'],
      ['only'],
    ])
      expect(looksOrdinal(ids), ids.join(',')).toBe(false);
  });

  it('warns when shuffling is off', () => {
    const bundle = bundleOf({ ...goodInput(), shuffleOutputs: false });
    expect(assessmentChecks(bundle, goodKey())).toEqual([
      expect.objectContaining({ code: 'shuffle-off', file: 'bundle', path: '$.shuffleOutputs' }),
    ]);
  });

  it('warns when the best output has the same id in most tasks', () => {
    const input = goodInput();
    const key = goodKey();
    rename(input, key, 't2', 'p2vn6e', 'm7pz2d');
    const warnings = assessmentChecks(bundleOf(input), key);
    expect(warnings.map((w) => w.code)).toEqual(['best-same-id']);
    expect(warnings[0]!.message).toContain('"m7pz2d" in 2 of 3 tasks');
  });

  it('warns when the best output is at the same position in most tasks', () => {
    const input = goodInput();
    input.tasks[1]!.outputs.reverse();
    const warnings = assessmentChecks(bundleOf(input), goodKey());
    expect(warnings.map((w) => w.code)).toEqual(['best-same-position']);
    expect(warnings[0]!.message).toContain('number 2 of "outputs" in 2 of 3 tasks');
  });

  it('warns when in every task the only clean output is the best', () => {
    const key = goodKey();
    key.tasks[1]!.issues = key.tasks[1]!.issues.filter((i) => i.id !== 'curt');
    expect(codes(bundleOf(goodInput()), key)).toEqual(['only-clean-output-is-best']);
    // One task where the best output has a flaw is enough to break the pattern.
    expect(codes(bundleOf(goodInput()), goodKey())).toEqual([]);
  });

  it('warns about several issues under one (output, category), at the repeated one', () => {
    const key = goodKey();
    key.tasks[0]!.issues.push(issue('gap-2', 'k3x9qa', 'omission', 'minor'));
    const warnings = assessmentChecks(bundleOf(goodInput()), key);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'issues-share-category', file: 'key', path: '$.tasks[0].issues[2]' }),
    ]);
    expect(warnings[0]!.message).toContain('"gap-2" and "gap" are both omission on output "k3x9qa"');
  });

  it('warns when one category holds most issues, with what marking it blindly would score', () => {
    const key = goodKey();
    for (const t of key.tasks) for (const i of t.issues) i.category = 'reasoning-error';
    const warnings = assessmentChecks(bundleOf(goodInput()), key);
    expect(warnings.map((w) => w.code)).toEqual(['dominant-category']);
    // 5 of the 6 issues sit on the 5 outputs that are not best (the curt best one is missed).
    expect(warnings[0]!.message).toContain("6 of the key's 6 issues are reasoning-error");
    expect(warnings[0]!.message).toContain('recall 83%, precision 100%, F1 0.91');
  });

  it('warns about one task whose issues are nearly all one category', () => {
    const input = goodInput();
    input.tasks[1]!.outputs.push(
      { id: 'h2fw9n', content: 'Wrong sum.' },
      { id: 'q8vd3k', content: 'Wrong unit.' },
      { id: 'z4cm7t', content: 'Too long.' },
    );
    const key = goodKey();
    key.tasks[1]!.goldRanking.push(['h2fw9n', 'q8vd3k', 'z4cm7t']);
    key.tasks[1]!.issues = [
      issue('curt', 'p2vn6e', 'tone', 'minor'),
      issue('sum', 'r8ty3u', 'reasoning-error'),
      issue('sum', 'h2fw9n', 'reasoning-error'),
      issue('unit', 'q8vd3k', 'reasoning-error'),
      issue('long', 'z4cm7t', 'reasoning-error'),
    ];
    const warnings = assessmentChecks(bundleOf(input), key);
    expect(warnings).toEqual([expect.objectContaining({ code: 'dominant-category', path: '$.tasks[1].issues' })]);
    expect(warnings[0]!.message).toContain('4 of the 5 issues of task "t2" are reasoning-error');
  });

  it('warns about a repeated task that reuses its original ids', () => {
    const input = goodInput();
    const key = goodKey();
    rename(input, key, 't3', 'f9ke4m', 'k3x9qa');
    const warnings = assessmentChecks(bundleOf(input), key);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'verbatim-repeat', file: 'bundle', path: '$.tasks[2].outputs' }),
    ]);
    expect(warnings[0]!.message).toContain('reuses the output ids "k3x9qa"');
  });

  it('warns about a repeat shown in the same order with shuffling off, with or without the key', () => {
    const input = { ...goodInput(), shuffleOutputs: false };
    const t1 = input.tasks[0]!.outputs.map((o) => o.content);
    input.tasks[2]!.outputs.sort((a, b) => t1.indexOf(a.content) - t1.indexOf(b.content));
    // Without the key, the repeat is found by its identical output texts. (With it, the best
    // output now sits second in two of three tasks, which is a leak of its own.)
    for (const [key, expected] of [
      [goodKey(), ['best-same-position', 'shuffle-off', 'verbatim-repeat']],
      [undefined, ['shuffle-off', 'verbatim-repeat']],
    ] as const) {
      const warnings = assessmentChecks(bundleOf(input), key);
      expect(warnings.map((w) => w.code).sort()).toEqual(expected);
      expect(warnings.find((w) => w.code === 'verbatim-repeat')!.message).toContain(
        'shows the outputs in the same order with shuffling off',
      );
    }
    // The same order is no copy once each attempt shuffles.
    expect(codes(bundleOf({ ...input, shuffleOutputs: true }))).toEqual([]);
  });

  it('ignores key entries for tasks and outputs the bundle does not have', () => {
    const key = goodKey();
    key.tasks.push({ taskId: 'gone', goldRanking: [['x']], issues: [], referenceCritiques: {} });
    key.consistencyPairs.push({ taskA: 'gone', taskB: 't2', outputMap: {} });
    expect(assessmentChecks(bundleOf(goodInput()), key)).toEqual([]);
  });
});

describe('the sample exercises', () => {
  for (const name of ['code-review', 'instruction-following', 'math-science-reasoning'])
    it(`${name}: leaks no answers and its key cannot be gamed by the checks' measures`, async () => {
      const { bundle } = await loadBundleText(readFileSync(`exercises/${name}.json`, 'utf8'));
      const key = validateKey(JSON.parse(readFileSync(`exercises/keys/${name}.key.json`, 'utf8')));
      expect(assessmentChecks(bundle, key)).toEqual([]);
    });
});
