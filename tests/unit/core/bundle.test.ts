import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AssayError,
  bundleHash,
  DEFAULT_SEVERITIES,
  DEFAULT_TAXONOMY,
  loadBundleText,
  MAX_BUNDLE_BYTES,
  validateBundle,
} from '../../../src/core/index.ts';
import { bundleInput } from '../../helpers/factories.ts';

async function rejection(text: string): Promise<AssayError> {
  try {
    await loadBundleText(text);
  } catch (e) {
    if (e instanceof AssayError) return e;
    throw e;
  }
  throw new Error('expected the bundle to be refused');
}

const json = (value: unknown) => JSON.stringify(value);
const sampleFiles = readdirSync('exercises').filter((f) => f.endsWith('.json'));

describe('bundle format assay.bundle/1', () => {
  it('has at least three sample bundles', () => {
    expect(sampleFiles.length).toBeGreaterThanOrEqual(3);
  });

  it.each(sampleFiles)('accepts the sample exercises/%s', async (file) => {
    const { bundle } = await loadBundleText(readFileSync(`exercises/${file}`, 'utf8'));
    expect(bundle.tasks.length).toBeGreaterThanOrEqual(3);
    expect(bundle.tasks.length).toBeLessThanOrEqual(5);
    for (const task of bundle.tasks) {
      expect(task.outputs.length).toBeGreaterThanOrEqual(4);
      expect(task.outputs.length).toBeLessThanOrEqual(5);
    }
  });

  it('fills in the default taxonomy, severity scale and requirements', () => {
    const bundle = validateBundle(bundleInput());
    expect(bundle.taxonomy.map((c) => c.id)).toEqual(DEFAULT_TAXONOMY.map((c) => c.id));
    expect(bundle.taxonomy.map((c) => c.id)).toEqual([
      'hallucination',
      'factual-error',
      'reasoning-error',
      'instruction-not-followed',
      'omission',
      'unsafe',
      'formatting',
      'tone',
    ]);
    expect(bundle.severities.map((s) => s.id)).toEqual(DEFAULT_SEVERITIES.map((s) => s.id));
    expect(bundle.shuffleOutputs).toBe(false);
    expect(bundle.tasks[1]?.requirements).toEqual({
      ranking: true,
      critique: true,
      critiqueMinLength: 80,
      categories: true,
    });
    expect(bundle.tasks[0]?.requirements.critiqueMinLength).toBe(10);
  });

  it.each<[string, (b: ReturnType<typeof bundleInput>) => unknown, string, RegExp]>([
    ['a missing title', (b) => ({ ...b, title: undefined }), '$.title', /is required \(a string\)/],
    ['a wrong type', (b) => ({ ...b, timeLimitMinutes: '30' }), '$.timeLimitMinutes', /expected a number/],
    ['a fractional time limit', (b) => ({ ...b, timeLimitMinutes: 2.5 }), '$.timeLimitMinutes', /whole number|integer/],
    ['an unknown time policy', (b) => ({ ...b, timePolicy: 'strict' }), '$.timePolicy', /"soft", "hard"/],
    ['an unknown field', (b) => ({ ...b, timelimit: 3 }), '$.timelimit', /unknown field/],
    [
      'a task with one output',
      (b) => ({ ...b, tasks: [{ ...b.tasks[0], outputs: [{ id: 'a', content: 'x' }] }] }),
      '$.tasks[0].outputs',
      /at least 2/,
    ],
    [
      'eleven outputs',
      (b) => ({
        ...b,
        tasks: [{ ...b.tasks[0], outputs: Array.from({ length: 11 }, (_, i) => ({ id: `o${i}`, content: 'x' })) }],
      }),
      '$.tasks[0].outputs',
      /at most 10/,
    ],
    [
      'duplicate output ids',
      (b) => ({
        ...b,
        tasks: [
          {
            ...b.tasks[0],
            outputs: [
              { id: 'a', content: 'x' },
              { id: 'a', content: 'y' },
            ],
          },
        ],
      }),
      '$.tasks[0].outputs[1].id',
      /duplicate output id "a"/,
    ],
    [
      'duplicate task ids',
      (b) => ({ ...b, tasks: [b.tasks[0], b.tasks[0]] }),
      '$.tasks[1].id',
      /duplicate task id "t1"/,
    ],
    [
      'duplicate category ids',
      (b) => ({
        ...b,
        taxonomy: [
          { id: 'x', label: 'X' },
          { id: 'x', label: 'Y' },
        ],
      }),
      '$.taxonomy[1].id',
      /duplicate category id/,
    ],
    ['an id with a slash', (b) => ({ ...b, id: 'a/b' }), '$.id', /letters, digits/],
    ['no tasks', (b) => ({ ...b, tasks: [] }), '$.tasks', /at least 1/],
    [
      'empty output content',
      (b) => ({
        ...b,
        tasks: [
          {
            ...b.tasks[0],
            outputs: [
              { id: 'a', content: '' },
              { id: 'b', content: 'y' },
            ],
          },
        ],
      }),
      '$.tasks[0].outputs[0].content',
      /at least 1 character/,
    ],
    [
      'a private recipient key',
      (b) => ({
        ...b,
        recipientKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43), d: 'C'.repeat(43) },
      }),
      '$.recipientKey.d',
      /private key/,
    ],
  ])('rejects %s with the JSON path', async (_name, mutate, path, message) => {
    const e = await rejection(json(mutate(bundleInput())));
    expect(e.code).toBe('SCHEMA_INVALID');
    const issue = e.issues.find((i) => i.path === path);
    expect(issue, `issues were ${JSON.stringify(e.issues)}`).toBeDefined();
    expect(issue?.message).toMatch(message);
    expect(e.message).toContain('This bundle is not valid');
  });

  it('reports every problem, not just the first', async () => {
    const b = bundleInput();
    const e = await rejection(json({ ...b, title: '', timePolicy: 'x', tasks: [{ ...b.tasks[0], id: '' }] }));
    expect(e.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['$.title', '$.timePolicy', '$.tasks[0].id']));
  });

  it('refuses text that is not JSON', async () => {
    const e = await rejection('{"format": "assay.bundle/1",');
    expect(e.code).toBe('NOT_JSON');
    expect(e.message).toMatch(/line 1, column 29/);
  });

  it('refuses unknown format versions by name', async () => {
    const e = await rejection(json({ ...bundleInput(), format: 'assay.bundle/2' }));
    expect(e.code).toBe('UNKNOWN_FORMAT');
    expect(e.message).toContain('"assay.bundle/2"');
    expect(e.message).toContain('cannot read');
    const other = await rejection(json({ format: 'assay.result/1' }));
    expect(other.code).toBe('UNKNOWN_FORMAT');
    // Another kind of Assay file is named as what it is (issue 10), not only as what it is not.
    expect(other.message).toContain(
      'This is an Assay result file (format "assay.result/1", version 1), not an Assay bundle',
    );
    const none = await rejection(json({ title: 'x' }));
    expect(none.message).toContain('no "format" field');
    const array = await rejection('[]');
    expect(array.issues[0]?.path).toBe('$');
  });

  it('refuses bundles over 5 MB before parsing, too deep nesting and __proto__ keys', async () => {
    const big = await rejection(json({ ...bundleInput(), instructions: 'x'.repeat(MAX_BUNDLE_BYTES) }));
    expect(big.code).toBe('FILE_TOO_LARGE');
    expect(big.message).toMatch(/limited to 5 MB \(5,242,880 bytes\)/);
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    const tooDeep = await rejection(json({ ...bundleInput(), extra: deep }));
    expect(tooDeep.code).toBe('TOO_DEEP');
    const proto = await rejection(json(bundleInput()).replace('"format"', '"__proto__": {"x": 1}, "format"'));
    expect(proto.code).toBe('FORBIDDEN_KEY');
    expect(proto.issues[0]?.path).toBe('$.__proto__');
  });

  it('identifies a bundle by the SHA-256 of its canonical JSON, stable under key order and white space', async () => {
    const b = bundleInput();
    const reordered = Object.fromEntries(Object.entries(b).reverse());
    const a = await loadBundleText(json(b));
    const r = await loadBundleText(JSON.stringify(reordered, null, 4));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.hash).toBe(a.hash);
    expect(await bundleHash(b)).toBe(a.hash);
    const changed = await loadBundleText(json({ ...b, title: 'Factory bundle!' }));
    expect(changed.hash).not.toBe(a.hash);
  });
});
