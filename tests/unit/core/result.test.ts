import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AssayError,
  buildResult,
  chainHead,
  entryHash,
  fieldKey,
  parseResultText,
  validateBundle,
  validateResult,
  type AttemptEvent,
} from '../../../src/core/index.ts';
import { attemptRecord, bundleInput } from '../../helpers/factories.ts';

const bundle = validateBundle(bundleInput());
const start = Date.UTC(2026, 10, 26, 9, 0, 0);
const first: AttemptEvent = {
  seq: 0,
  type: 'attempt.start',
  tMono: 0,
  tWall: new Date(start).toISOString(),
  data: {},
  prev: 'f'.repeat(64),
};
const events: AttemptEvent[] = [
  first,
  {
    seq: 1,
    type: 'task.open',
    tMono: 10,
    tWall: new Date(start + 10).toISOString(),
    data: { taskId: 't1' },
    prev: entryHash(first),
  },
];

function sampleResult(overrides = {}) {
  const record = attemptRecord({
    shownOrder: { t1: ['c', 'a', 'b'], t2: ['y', 'x'] },
    fields: {
      [fieldKey.ranking('t1')]: { value: ['a', 'c', 'b'], rev: 1 },
      [fieldKey.critique('t1', 'a')]: { value: 'Correct and friendly.', rev: 2 },
      [fieldKey.categories('t1', 'b')]: { value: ['instruction-not-followed'], rev: 3 },
      [fieldKey.severity('t1', 'b')]: { value: 'major', rev: 4 },
      [fieldKey.activeMs('t1')]: { value: 65_000, rev: 5 },
      [fieldKey.activeMs('t2')]: { value: 5_000, rev: 6 },
    },
    ...overrides,
  });
  return buildResult(bundle, 'f'.repeat(64), record, events, { now: start + 20 * 60_000, appVersion: '0.1.0' });
}

describe('result files', () => {
  it('carries bundle identity, candidate, timing, shown order, answers and events', () => {
    const result = sampleResult();
    expect(result.format).toBe('assay.result/1');
    expect(result.status).toBe('draft');
    expect(result.bundle).toEqual({ id: 'factory-bundle', version: '1.0.0', sha256: 'f'.repeat(64) });
    expect(result.timing.startedAt).toBe('2026-11-26T09:00:00.000Z');
    expect(result.timing.deadline).toBe('2026-11-26T09:30:00.000Z');
    expect(result.timing.activeMsTotal).toBe(70_000);
    expect(result.timing.overtimeMs).toBe(0);
    const t1 = result.tasks[0]!;
    expect(t1.shownOrder).toEqual(['c', 'a', 'b']);
    expect(t1.outputs.map((o) => [o.outputId, o.label])).toEqual([
      ['c', 'A'],
      ['a', 'B'],
      ['b', 'C'],
    ]);
    expect(t1.ranking).toEqual(['a', 'c', 'b']);
    expect(t1.outputs[2]).toMatchObject({ categories: ['instruction-not-followed'], severity: 'major' });
    expect(result.tasks[1]?.ranking).toBeNull();
    expect(result.events).toHaveLength(2);
    // The head of the hash chain is the hash of the last event, anchored on the bundle hash.
    expect(result.integrity).toEqual({ eventsHead: chainHead(events, 'f'.repeat(64)), keyStorage: 'indexeddb' });
    expect(validateResult(JSON.parse(JSON.stringify(result)))).toEqual(result);
  });

  it('records overtime for a soft deadline and marks the submitted file', () => {
    const result = sampleResult({ status: 'submitted', submittedAt: start + 33 * 60_000 });
    expect(result.status).toBe('submitted');
    expect(result.timing.overtimeMs).toBe(3 * 60_000);
    expect(result.timing.submittedAt).toBe('2026-11-26T09:33:00.000Z');
  });

  it('leaves room for a detached signature without changing anything else', () => {
    const result = { ...sampleResult(), signature: 'eyJhbGciOiJFUzI1NiJ9..c2ln' };
    expect(validateResult(JSON.parse(JSON.stringify(result))).signature).toBe(result.signature);
  });

  it.each<[string, (r: ReturnType<typeof sampleResult>) => unknown, string]>([
    [
      'a ranking with an unknown output',
      (r) => ({ ...r, tasks: [{ ...r.tasks[0], ranking: ['a', 'c', 'z'] }, r.tasks[1]] }),
      '$.tasks[0].ranking',
    ],
    [
      'answers out of shown order',
      (r) => ({ ...r, tasks: [{ ...r.tasks[0], outputs: [...r.tasks[0]!.outputs].reverse() }, r.tasks[1]] }),
      '$.tasks[0].outputs',
    ],
    ['a gap in the event log', (r) => ({ ...r, events: [r.events[1]] }), '$.events[0].seq'],
    [
      'a negative active time',
      (r) => ({ ...r, tasks: [{ ...r.tasks[0], activeMs: -1 }, r.tasks[1]] }),
      '$.tasks[0].activeMs',
    ],
    ['an unknown field', (r) => ({ ...r, score: 100 }), '$.score'],
    ['a bad timestamp', (r) => ({ ...r, timing: { ...r.timing, startedAt: 'yesterday' } }), '$.timing.startedAt'],
  ])('rejects %s, naming the path', (_name, mutate, path) => {
    try {
      validateResult(JSON.parse(JSON.stringify(mutate(sampleResult()))));
      throw new Error('should have been rejected');
    } catch (e) {
      expect(e).toBeInstanceOf(AssayError);
      expect((e as AssayError).issues.map((i) => i.path)).toContain(path);
    }
  });

  it('parses result text with the same untrusted-JSON guards', () => {
    expect(() => parseResultText('{"format":"assay.result/1","__proto__":{}}')).toThrow(/__proto__/);
    expect(() => parseResultText(JSON.stringify({ ...sampleResult(), format: 'assay.result/9' }))).toThrow(
      /cannot read/,
    );
  });

  it('matches the checked-in JSON Schema for what it requires', () => {
    const schema = JSON.parse(readFileSync('exercises/schema/result.schema.json', 'utf8')) as {
      required: string[];
      properties: Record<string, unknown>;
    };
    const result = sampleResult();
    for (const key of schema.required) expect(result).toHaveProperty(key);
    for (const key of Object.keys(result)) expect(schema.properties).toHaveProperty(key);
  });
});
