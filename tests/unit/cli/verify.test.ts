/**
 * `assay verify` (and `score`, `validate`) as a user runs them: duplicate keys
 * refused with their path, a stripped invite warned about with --team-key, and
 * strings from files printed with their control characters visible.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// eslint-disable-next-line no-control-regex -- the raw characters a file must not get through
const RAW = /[\r\u001b\u202e]/;

const run = promisify(execFile);
const R = 'tests/fixtures/results';

async function assay(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/assay.js', ...args], { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const verify = (...files: string[]) =>
  assay(
    'verify',
    '--bundle',
    'tests/fixtures/bundles/minimal.json',
    '--team-key',
    `${R}/team-key.public.json`,
    ...files,
  );

describe('assay verify', { timeout: 30_000 }, () => {
  it('refuses results with a duplicate key inserted before the real one, naming the path', async () => {
    const { code, out } = await verify(
      `${R}/duplicate-critique.json`,
      `${R}/duplicate-name.json`,
      `${R}/duplicate-status.json`,
      `${R}/duplicate-signature.json`,
    );
    expect(code).toBe(1);
    expect(out).toContain('4 files: 0 ok, 0 with warnings, 4 failed');
    for (const path of ['$.tasks[0].outputs[0].critique', '$.candidate.name', '$.status', '$.signature'])
      expect(out).toContain(`appears twice in the same object (the second time at ${path}, line`);
  });

  it('warns about a result with no invite when --team-key is given', async () => {
    const { code, out } = await verify(`${R}/stripped-invite.json`);
    expect(code).toBe(0);
    expect(out).toMatch(/^! warn {2}tests\/fixtures\/results\/stripped-invite\.json {2}Ada Lovelace/m);
    expect(out).toContain('warn Invite: No invite, although you gave a team key');
    const without = await assay(
      'verify',
      '--bundle',
      'tests/fixtures/bundles/minimal.json',
      `${R}/stripped-invite.json`,
    );
    expect(without.out).toMatch(/^✓ ok/m);
  });

  it('prints a name with a carriage return and ANSI escapes as visible escapes, on its own line', async () => {
    const { out } = await verify(`${R}/control-characters.json`);
    expect(out).not.toMatch(RAW);
    expect(out).toContain(
      '! warn  tests/fixtures/results/control-characters.json  Eve\\r\\x1b[2K\\x1b[32m✓ ok  \\x1b[0m  honest.json \\u202etxt.exe <eve@example.org>',
    );
    const json = await assay('verify', '--json', `${R}/control-characters.json`);
    expect(json.out).not.toMatch(RAW);
    expect((JSON.parse(json.out) as { candidate: { name: string } }[])[0]?.candidate.name).toBe(
      'Eve\r\u001b[2K\u001b[32m✓ ok  \u001b[0m  honest.json \u202etxt.exe',
    );
  });

  it('does the same in score and validate', async () => {
    const score = await assay(
      'score',
      '--key',
      'tests/fixtures/keys/minimal.key.json',
      '--bundle',
      'tests/fixtures/bundles/minimal.json',
      `${R}/control-characters.json`,
    );
    expect(score.code).toBe(0);
    expect(score.out).not.toMatch(RAW);
    expect(score.out).toContain('Eve\\r\\x1b[2K');
    const validate = await assay('validate', `${R}/control-characters.json`);
    expect(validate.out).not.toMatch(RAW);
    expect(validate.out).toContain('by Eve\\r\\x1b[2K');
  });
});
