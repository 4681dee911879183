/**
 * The same corpus of bad files through the CLI (`assay validate`, a child process)
 * and through the app's readers (the start page's loadBundleFromFile and the
 * workspace's setup files, with File objects as a picker gives them): the same
 * verdict and the same message, since both read through core/file/untrusted-file.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundleFromFile } from '../../../src/lib/load-bundle.ts';
import { readAnyJsonFile } from '../../../src/lib/read-assay-file.ts';
import { validateBundle } from '../../../src/core/index.ts';
import { BAD_BUNDLES } from '../../helpers/bad-files.ts';

const run = promisify(execFile);
const cliLines = new Map<string, string>();

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-bad-'));
  const files = BAD_BUNDLES.map((bad) => {
    const file = path.join(dir, bad.file);
    writeFileSync(file, bad.bytes());
    return file;
  });
  let stdout: string;
  try {
    ({ stdout } = await run('node', ['bin/assay.js', 'validate', ...files], {
      env: { ...process.env, NO_COLOR: '1' },
    }));
  } catch (error) {
    stdout = (error as { stdout: string }).stdout;
  }
  for (const line of stdout.split('\n')) {
    const match = /^[✓✗] .*[\\/]([^\\/:]+\.json): (.*)$/.exec(line);
    if (match) cliLines.set(match[1] as string, line);
  }
}, 60_000);

async function appVerdict(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<{ ok: boolean; message: string }> {
  try {
    await loadBundleFromFile(new File([bytes], name, { type: 'application/json' }));
    return { ok: true, message: '' };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

async function workspaceVerdict(
  bytes: Uint8Array<ArrayBuffer>,
  name: string,
): Promise<{ ok: boolean; message: string }> {
  try {
    validateBundle((await readAnyJsonFile(new File([bytes], name), ['bundle', 'key'])).document);
    return { ok: true, message: '' };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

describe('one set of input rules for the CLI and the app', () => {
  it.each(BAD_BUNDLES.map((bad) => [bad.name, bad] as const))('%s: the same verdict and message', async (_n, bad) => {
    const cli = cliLines.get(bad.file);
    expect(cli, `assay validate printed no line for ${bad.file}`).toBeDefined();
    const app = await appVerdict(bad.bytes(), bad.file);
    const workspace = await workspaceVerdict(bad.bytes(), bad.file);
    if (bad.says === null) {
      expect(app).toEqual({ ok: true, message: '' });
      expect(workspace.ok).toBe(true);
      expect(cli).toMatch(/^✓ /);
      return;
    }
    expect(app.ok).toBe(false);
    expect(app.message).toMatch(bad.says);
    expect(workspace).toEqual(app);
    expect(cli).toBe(`✗ ${cli?.slice(2, cli.indexOf(': ') + 2)}${app.message}`);
  });
});
