import { describe, expect, it } from 'vitest';
import {
  fieldKey,
  missingForTask,
  outputLabels,
  readTaskAnswer,
  shownOrder,
  validateBundle,
} from '../../../src/core/index.ts';
import { bundleInput } from '../../helpers/factories.ts';

const bundle = validateBundle(bundleInput());
const task = bundle.tasks[0]!;
const f = (key: string, value: unknown, rev = 1) => ({ [key]: { value, rev } });

describe('output order', () => {
  it('keeps the authored order when shuffling is off', () => {
    expect(shownOrder(['a', 'b', 'c', 'd'], false, 'seed')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('shuffles per attempt: a permutation, fixed for a seed, different across seeds', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const first = shownOrder(ids, true, 'attempt-1/t1');
    expect([...first].sort()).toEqual(ids);
    expect(shownOrder(ids, true, 'attempt-1/t1')).toEqual(first);
    const orders = new Set(Array.from({ length: 40 }, (_, i) => shownOrder(ids, true, `attempt-${i}/t1`).join('')));
    expect(orders.size).toBeGreaterThan(10);
  });

  it('labels outputs A, B, C in the order shown', () => {
    expect(outputLabels(['c', 'a', 'b'])).toEqual({ c: 'A', a: 'B', b: 'C' });
  });
});

describe('answers', () => {
  it('reads stored fields and ignores values of the wrong type or unknown ids', () => {
    const fields = {
      ...f(fieldKey.critique('t1', 'a'), 'Good answer.'),
      ...f(fieldKey.critique('t1', 'b'), 42),
      ...f(fieldKey.categories('t1', 'b'), ['tone', 'made-up', 7]),
      ...f(fieldKey.severity('t1', 'b'), 'catastrophic'),
      ...f(fieldKey.severity('t1', 'c'), 'major'),
      ...f(fieldKey.ranking('t1'), ['c', 'a', 'b']),
      ...f(fieldKey.activeMs('t1'), 1234.4),
    };
    const answer = readTaskAnswer(bundle, task, fields);
    expect(answer.outputs.a?.critique).toBe('Good answer.');
    expect(answer.outputs.b?.critique).toBe('');
    expect(answer.outputs.b?.categories).toEqual(['tone']);
    expect(answer.outputs.b?.severity).toBeNull();
    expect(answer.outputs.c?.severity).toBe('major');
    expect(answer.ranking).toEqual(['c', 'a', 'b']);
    expect(answer.activeMs).toBe(1234);
  });

  it('drops a ranking that is not an order of exactly the task outputs', () => {
    expect(readTaskAnswer(bundle, task, f(fieldKey.ranking('t1'), ['a', 'b'])).ranking).toBeNull();
    expect(readTaskAnswer(bundle, task, f(fieldKey.ranking('t1'), ['a', 'b', 'b'])).ranking).toBeNull();
    expect(readTaskAnswer(bundle, task, f(fieldKey.ranking('t1'), ['a', 'b', 'z'])).ranking).toBeNull();
    expect(readTaskAnswer(bundle, task, f(fieldKey.ranking('t1'), 'abc')).ranking).toBeNull();
  });

  it('lists what a task still needs, in the order shown, with counts', () => {
    const order = ['c', 'a', 'b'];
    const labels = outputLabels(order);
    const fields = {
      ...f(fieldKey.critique('t1', 'a'), '  short  '),
      ...f(fieldKey.critique('t1', 'b'), 'This one is long enough.'),
      ...f(fieldKey.categories('t1', 'b'), ['tone']),
      ...f(fieldKey.noIssues('t1', 'c'), true),
    };
    const missing = missingForTask(task, readTaskAnswer(bundle, task, fields), order, labels);
    expect(missing.map((m) => m.message)).toEqual([
      'Rank the responses from best to worst',
      'Response A: write a critique (at least 10 characters)',
      'Response B: critique is 5 of 10 characters',
      'Response B: mark the error categories, or "No problems found"',
      'Response C: choose a severity',
    ]);
    expect(missing.map((m) => m.kind)).toEqual(['ranking', 'critique', 'critique', 'categories', 'severity']);
  });

  it('counts characters as people do (code points, trimmed)', () => {
    const fields = { ...f(fieldKey.critique('t1', 'a'), '😀😀😀😀😀😀😀😀😀😀') };
    const missing = missingForTask(
      task,
      readTaskAnswer(bundle, task, fields),
      ['a', 'b', 'c'],
      outputLabels(['a', 'b', 'c']),
    );
    expect(missing.some((m) => m.kind === 'critique' && m.outputId === 'a')).toBe(false);
  });

  it('asks for nothing a task does not require', () => {
    const relaxed = validateBundle(
      bundleInput({
        tasks: [
          {
            id: 't1',
            title: 'T',
            prompt: 'p',
            outputs: [
              { id: 'a', content: 'x' },
              { id: 'b', content: 'y' },
            ],
            requirements: { ranking: false, critique: false, categories: false },
          },
        ],
      }),
    ).tasks[0]!;
    expect(missingForTask(relaxed, readTaskAnswer(bundle, relaxed, {}), ['a', 'b'], outputLabels(['a', 'b']))).toEqual(
      [],
    );
  });
});
