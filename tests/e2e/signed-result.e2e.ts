/**
 * Signed results end to end: a candidate opens an invite link minted with the
 * (test) team key, does the exercise in Chromium and exports; the command line
 * `assay verify` then accepts the file. The invite names the team's encryption key,
 * so the file is encrypted: verify opens it with the team key backup restored from
 * its passphrase. Bad invites (expired, for another bundle) are refused at the link.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadBundleText, mintInvite, restoreTeamKey, validateTeamKeyBackup } from '../../src/core/index.ts';
import { expect, test } from './support/fixtures.ts';
import { CANDIDATE } from './support/app.ts';

const run = promisify(execFile);
const PASSPHRASE = 'fixture passphrase: a test key, not a secret';
const BACKUP = 'tests/fixtures/results/team-key.backup.json';

async function teamKeys() {
  const backup = validateTeamKeyBackup(JSON.parse(await readFile(BACKUP, 'utf8')));
  return restoreTeamKey(backup, PASSPHRASE);
}

async function invite(options: { encrypt: boolean; nbf?: number; exp?: number; bundleHash?: string }) {
  const keys = await teamKeys();
  const bundle = await loadBundleText(await readFile('tests/fixtures/bundles/minimal.json', 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  return mintInvite(
    { privateKey: keys.signing, kid: keys.file.signing.kid },
    {
      sub: CANDIDATE.email,
      name: CANDIDATE.name,
      email: CANDIDATE.email,
      bundle: options.bundleHash ?? bundle.hash,
      nbf: options.nbf ?? now - 60,
      exp: options.exp ?? now + 3600,
      dur: 20,
      ...(options.encrypt ? { rcpt: keys.file.encryption.jwk } : {}),
    },
  );
}

const link = (appUrl: string, token: string) =>
  `${appUrl}#/take?src=${encodeURIComponent('/__fixtures__/minimal.json')}&invite=${token}`;

async function verify(file: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(
      'node',
      ['bin/assay.js', 'verify', '--bundle', 'tests/fixtures/bundles/minimal.json', '--team-key', BACKUP, file],
      { env: { ...process.env, NO_COLOR: '1', ASSAY_TEAM_KEY_PASSPHRASE: PASSPHRASE } },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

for (const encrypt of [false, true]) {
  test(`an invited candidate's ${encrypt ? 'encrypted ' : ''}result verifies on the command line`, async ({
    page,
    appUrl,
  }) => {
    test.setTimeout(120_000);
    await page.goto(link(appUrl, await invite({ encrypt })));
    // The invite fills in the identity and the time limit.
    await expect(page.getByLabel('Your name')).toHaveValue(CANDIDATE.name);
    await expect(page.getByLabel('Your email')).toHaveValue(CANDIDATE.email);
    await expect(page.getByText('20 minutes', { exact: false }).first()).toBeVisible();
    await page.getByRole('checkbox', { name: /I have read the instructions/ }).check();
    await page.getByRole('button', { name: 'Start the exercise' }).click();
    await expect(page.getByRole('timer')).toHaveText(/^(20:00|19:5\d) left$/);

    await page.getByLabel('Your critique of response A').fill('Correct, short and to the point: Canberra.');
    await page
      .getByRole('article', { name: 'Response A' })
      .getByRole('checkbox', { name: 'No problems found' })
      .check();
    await page.getByRole('button', { name: 'Keep this order' }).click();
    await page
      .getByRole('button', { name: /Review and submit/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByRole('button', { name: 'Submit', exact: true }).click();

    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my result file' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(encrypt ? /\.assay-result\.jwe$/ : /\.json$/);
    const dir = await mkdtemp(path.join(tmpdir(), 'assay-e2e-'));
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);

    // The page shows the SHA-256 of exactly the downloaded bytes.
    const { sha256Hex } = await import('../../src/core/index.ts');
    await expect(page.getByText(await sha256Hex(await readFile(file)))).toBeVisible();
    if (encrypt) await expect(page.getByText(/This file is encrypted to/)).toBeVisible();

    const { code, out } = await verify(file);
    expect(out).toContain('1 file: 1 ok, 0 with warnings, 0 failed');
    expect(code).toBe(0);

    // Changing one character after export is caught.
    const text = await readFile(file, 'utf8');
    if (!encrypt) {
      const tampered = path.join(dir, 'tampered.json');
      await writeFile(tampered, text.replace('Canberra.', 'Canberra!'));
      const bad = await verify(tampered);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('Signature: The signature does not match the contents');
    }
  });
}

test('an expired invite, or one for another bundle, is refused with a clear message', async ({ page, appUrl }) => {
  const now = Math.floor(Date.now() / 1000);
  await page.goto(link(appUrl, await invite({ encrypt: false, nbf: now - 7200, exp: now - 3600 })));
  await expect(page.getByRole('alert')).toContainText('This invite expired on');
  await expect(page.getByRole('button', { name: 'Start the exercise' })).toHaveCount(0);

  await page.goto(link(appUrl, await invite({ encrypt: false, nbf: now + 3600, exp: now + 7200 })));
  await expect(page.getByRole('alert')).toContainText('it is not open yet');

  await page.goto(link(appUrl, await invite({ encrypt: false, bundleHash: 'b'.repeat(64) })));
  await expect(page.getByRole('alert')).toContainText('This invite is for another version of the exercise');
});
