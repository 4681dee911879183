import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

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
    expect(out).toMatch(/bundle "code-review" v1\.0\.0: 4 tasks, 17 outputs, sha256 [0-9a-f]{64}/);
    expect(code).toBe(0);
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
  });
});
