import { describe, expect, it } from 'vitest';
import {
  compositeHistogram,
  niceMax,
  taskDifficulty,
  ticks,
  timeScorePoints,
  type ChartCandidate,
} from '../../../../src/ui/workspace/charts/chart-data.ts';

function candidate(
  id: string,
  composite: number | null,
  minutes = 30,
  tasks: { taskId: string; accuracy: number | null; recall: number | null }[] = [],
  bundle = 'b1',
): ChartCandidate {
  return {
    attemptId: id,
    row: { name: `Name ${id}`, activeMs: minutes * 60_000, composite, bundle: `${bundle} v1` },
    score:
      composite === null && tasks.length === 0
        ? null
        : {
            tasks: tasks.map((t) => ({
              taskId: t.taskId,
              title: `Task ${t.taskId}`,
              ranking: { pairwiseAccuracy: t.accuracy } as never,
              errors: { recall: t.recall } as never,
            })),
          },
    file: { result: { bundle: { sha256: bundle } } },
  };
}

describe('compositeHistogram', () => {
  it('puts scores in ten bins, 100% in the last and 0.3 in the 30–40% bin', () => {
    const bins = compositeHistogram([
      candidate('a', 0),
      candidate('b', 0.3),
      candidate('c', 0.1 + 0.2),
      candidate('d', 0.999),
      candidate('e', 1),
      candidate('f', null),
    ]);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 2, 0, 0, 0, 0, 0, 2]);
    expect(bins[3]).toMatchObject({ from: 30, to: 40 });
  });
});

describe('timeScorePoints', () => {
  it('leaves out candidates without a composite and orders by time', () => {
    const points = timeScorePoints([candidate('a', 0.5, 40), candidate('b', null, 10), candidate('c', 0.2, 12)]);
    expect(points).toEqual([
      { attemptId: 'c', name: 'Name c', minutes: 12, composite: 0.2 },
      { attemptId: 'a', name: 'Name a', minutes: 40, composite: 0.5 },
    ]);
  });
});

describe('taskDifficulty', () => {
  it('averages per task over the candidates with a value, keeping bundles apart', () => {
    const rows = taskDifficulty([
      candidate('a', 0.5, 30, [
        { taskId: 't1', accuracy: 1, recall: 0.5 },
        { taskId: 't2', accuracy: 0.5, recall: null },
      ]),
      candidate('b', 0.4, 30, [
        { taskId: 't1', accuracy: 0.5, recall: null },
        { taskId: 't2', accuracy: 0, recall: null },
      ]),
      candidate('c', 0.9, 30, [{ taskId: 't1', accuracy: 0, recall: 1 }], 'b2'),
      candidate('d', null),
    ]);
    expect(rows).toEqual([
      {
        key: 'b1:t1',
        taskId: 't1',
        title: 'Task t1',
        bundle: 'b1 v1',
        pairwiseAccuracy: 0.75,
        errorRecall: 0.5,
        candidates: 2,
      },
      {
        key: 'b1:t2',
        taskId: 't2',
        title: 'Task t2',
        bundle: 'b1 v1',
        pairwiseAccuracy: 0.25,
        errorRecall: null,
        candidates: 2,
      },
      {
        key: 'b2:t1',
        taskId: 't1',
        title: 'Task t1',
        bundle: 'b2 v1',
        pairwiseAccuracy: 0,
        errorRecall: 1,
        candidates: 1,
      },
    ]);
  });
});

describe('axes', () => {
  it('rounds an axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, 3, 4.2, 10, 37, 43, 120].map((v) => niceMax(v))).toEqual([10, 5, 5, 10, 50, 50, 200]);
    expect(niceMax(0, 1)).toBe(1);
    expect(ticks(40, 4)).toEqual([0, 10, 20, 30, 40]);
  });
});
