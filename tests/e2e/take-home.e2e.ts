/**
 * The hiring team makes a take-home copy in the hosted app (a sample exercise and
 * one person's invite), and the candidate opens the downloaded file from disk:
 * their name is filled in, their time applies, and nothing is fetched from anywhere.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleHash } from '../../src/core/index.ts';
import { expect, test } from './support/fixtures.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An invite as the team page mints it (the signature is checked by the team on return, not here). */
function invite(claims: Record<string, unknown>): string {
  return `${b64({ alg: 'ES256', typ: 'invite+jwt', kid: 'k' })}.${b64(claims)}.${Buffer.from('signature').toString('base64url')}`;
}

test('a take-home copy for one invited person, made in the app and opened from disk', async ({ page, appUrl }) => {
  const document = JSON.parse(await readFile('exercises/code-review.json', 'utf8')) as unknown;
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    jti: 'invite-take-home-1',
    sub: 'grace@example.org',
    name: 'Grace Hopper',
    email: 'grace@example.org',
    bundle: await bundleHash(document),
    nbf: now - 60,
    exp: now + 86_400,
    dur: 50,
  };

  await page.goto(appUrl);
  await page
    .getByRole('navigation', { name: 'For hiring teams' })
    .getByRole('link', { name: 'Take-home copy' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Take-home copy' })).toBeVisible();
  const download = page.getByRole('button', { name: 'Download the take-home file' });
  await expect(download).toBeDisabled();

  await page
    .getByLabel('A sample exercise published with this app')
    .selectOption({ label: 'Code review: writing and reviewing code' });
  await expect(page.getByText(`SHA-256 ${claims.bundle}`)).toBeVisible();

  // An invite for another bundle is refused before anything is made.
  const inviteBox = page.getByLabel('Invite (optional)');
  await inviteBox.fill(`${appUrl}#/take?src=x.json&invite=${invite({ ...claims, bundle: 'a'.repeat(64) })}`);
  await expect(page.getByText(/This invite is for another bundle/)).toBeVisible();
  await expect(download).toBeDisabled();
  await inviteBox.fill(`${appUrl}#/take?src=x.json&invite=${invite({ ...claims, exp: now - 10, nbf: now - 100 })}`);
  await expect(page.getByText(/This invite expired on/)).toBeVisible();
  await inviteBox.fill('not an invite');
  await expect(page.getByText(/neither an invite link nor an invite token/)).toBeVisible();

  await inviteBox.fill(`${appUrl}#/take?src=exercises%2Fcode-review.json&invite=${invite(claims)}`);
  await expect(page.getByText(/For Grace Hopper \(grace@example\.org\): 50 minutes/)).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toBe('code-review_grace-hopper_take-home.html');
  await expect(
    page.getByRole('status').filter({ hasText: 'code-review_grace-hopper_take-home.html downloaded' }),
  ).toBeVisible();
  const path = join(await mkdtemp(join(tmpdir(), 'assay-take-home-')), file.suggestedFilename());
  await file.saveAs(path);

  // The candidate opens it from disk, with no network at all.
  const candidate = await page.context().newPage();
  const requests: string[] = [];
  candidate.on('request', (request) => requests.push(request.url()));
  await candidate.goto(`file://${path}`);
  await expect(
    candidate.getByRole('heading', { level: 1, name: 'Code review: writing and reviewing code' }),
  ).toBeVisible();
  await expect(
    candidate.getByText('Do not move or rename this file until you have exported your result.'),
  ).toBeVisible();
  await expect(candidate.getByLabel('Your name')).toHaveValue('Grace Hopper');
  await expect(candidate.getByLabel('Your email')).toHaveValue('grace@example.org');
  await expect(candidate.getByText(/50 minutes/).first()).toBeVisible();
  await candidate.getByRole('checkbox', { name: /I have read the instructions/ }).check();
  await candidate.getByRole('button', { name: 'Start the exercise' }).click();
  await expect(candidate.getByRole('timer')).toBeVisible();
  expect(requests.filter((url) => !/^(file|data|blob):/.test(url))).toEqual([]);
});
