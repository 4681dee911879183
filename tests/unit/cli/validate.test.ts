import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundleHash } from '../../../src/core/index.ts';

const run = promisify(execFile);

async function assay(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('node', ['bin/assay.js', ...args], { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('assay validate', () => {
  it('accepts the sample bundles and checks their keys against them', async () => {
    const { code, out } = await assay(
      'validate',
      'exercises/instruction-following.json',
      'exercises/code-review.json',
      'exercises/math-science-reasoning.json',
      'exercises/keys/instruction-following.key.json',
      'exercises/keys/code-review.key.json',
      'exercises/keys/math-science-reasoning.key.json',
    );
    expect(out).toContain('6 valid, 0 invalid');
    expect(out).toMatch(/bundle "code-review" v1\.1\.0: 4 tasks, 17 outputs, sha256 [0-9a-f]{64}/);
    // The samples leak no answers: no assessment warning.
    expect(out).not.toContain('warning');
    expect(code).toBe(0);
  });

  it('prints assessment warnings with their JSON paths, and still exits 0', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-'));
    const task = (id: string) => ({
      id,
      title: id,
      prompt: 'p',
      outputs: [
        { id: 'o1', content: `best ${id}` },
        { id: 'o2', content: `worse ${id}` },
      ],
    });
    const doc = {
      format: 'assay.bundle/1',
      id: 'leaky',
      version: '1',
      title: 'Leaky',
      domain: 'd',
      instructions: 'i',
      timeLimitMinutes: 10,
      timePolicy: 'soft',
      tasks: [task('t1'), task('t2')],
    };
    const bundlePath = path.join(dir, 'leaky.json');
    writeFileSync(bundlePath, JSON.stringify(doc));
    const keyPath = path.join(dir, 'leaky.key.json');
    const taskKey = (taskId: string) => ({
      taskId,
      goldRanking: [['o1'], ['o2']],
      issues: [{ id: 'i', outputId: 'o2', category: 'omission', severity: 'minor', description: 'd' }],
    });
    writeFileSync(
      keyPath,
      JSON.stringify({
        format: 'assay.key/1',
        bundle: { id: 'leaky', version: '1', sha256: await bundleHash(doc) },
        tasks: [taskKey('t1'), taskKey('t2')],
      }),
    );
    const alone = await assay('validate', bundlePath);
    expect(alone.code).toBe(0);
    expect(alone.out).toContain('warning ordinal-output-ids: bundle $.tasks[0].outputs');
    expect(alone.out).toContain('warning shuffle-off: bundle $.shuffleOutputs');
    expect(alone.out).not.toContain('best-same-id');
    const withKey = await assay('validate', bundlePath, keyPath);
    expect(withKey.code).toBe(0);
    expect(withKey.out).toContain('warning best-same-id: key $.tasks');
    expect(withKey.out).toContain('warning only-clean-output-is-best: key $.tasks');
    // Printed once, under the key, when the key is checked against its bundle.
    expect(withKey.out.match(/shuffle-off/g)).toHaveLength(1);
    expect(withKey.out).toContain('2 valid, 0 invalid, 5 warnings');
  });

  it('prints every error with its JSON path and exits 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'assay.bundle/1',
        id: 'x',
        version: '1',
        title: 'T',
        domain: 'd',
        instructions: 'i',
        timeLimitMinutes: 0,
        timePolicy: 'soft',
        tasks: [{ id: 't', title: 'T', prompt: 'p', outputs: [{ id: 'a', content: 'x' }] }],
      }),
    );
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"format": ');
    const { code, out } = await assay('validate', bad, broken);
    expect(code).toBe(1);
    expect(out).toContain('$.timeLimitMinutes  must be at least 1');
    expect(out).toContain('$.tasks[0].outputs  must have at least 2 items');
    expect(out).toMatch(/broken\.json: The file is not valid JSON: at line 1, column 12/);
    expect(out).toContain('0 valid, 2 invalid');
  });

  it('checks a key against its bundle: a key for an edited bundle is refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-'));
    const edited = path.join(dir, 'edited.json');
    const bundle = JSON.parse(
      await import('node:fs').then((fs) => fs.readFileSync('exercises/code-review.json', 'utf8')),
    );
    bundle.title = 'Edited after the key was made';
    writeFileSync(edited, JSON.stringify(bundle));
    const { code, out } = await assay('validate', edited, 'exercises/keys/code-review.key.json');
    expect(code).toBe(1);
    expect(out).toContain('$.bundle.sha256  does not match the bundle');
  });

  it('says how to use it', async () => {
    expect((await assay('validate')).code).toBe(2);
    const help = await assay('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('validate FILE...');
    expect((await assay('frobnicate')).code).toBe(2);
    // Three CLI starts (each loads the TypeScript through tsx): seconds on a busy machine.
  }, 20_000);
});
