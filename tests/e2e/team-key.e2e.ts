/**
 * The hiring team's key, end to end in Chromium: make a key, download its backup
 * and public key (checked with the core), mint three invites for a fixture bundle
 * from a pasted list, download the CSV and check every link's invite, reload, and
 * restore the backup in a fresh browser profile. Also screenshots of the page at a
 * desktop and a phone size (test-results/team/), with a check for sideways scrolling.
 */
import { mkdir, readFile } from 'node:fs/promises';
import type { Download, Page, TestInfo } from '@playwright/test';
import {
  loadBundleText,
  readCsv,
  readInvite,
  validateTeamKeyBackup,
  validateTeamKeyFile,
  verifyInviteSignature,
} from '../../src/core/index.ts';
import { downloadedText } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

const NAME = 'Acme data team';
const PASSPHRASE = 'correct horse battery staple';
const PEOPLE = ['Ada Lovelace <ada@example.org>', 'Grace Hopper, grace@example.org', 'alan@example.org'];

async function createKey(page: Page): Promise<void> {
  const form = page.getByRole('region', { name: 'Create a team key' });
  await form.getByLabel('Key name').fill(NAME);
  await form.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await form.getByLabel('Passphrase again').fill(PASSPHRASE);
  await form.getByRole('button', { name: 'Create the team key' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Team key “${NAME}”` })).toBeFocused({ timeout: 20_000 });
}

async function download(page: Page, button: string): Promise<Download> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return file;
}

async function mint(page: Page, people: string[]): Promise<void> {
  await page.getByLabel('…or load it from its address').fill('/__fixtures__/minimal.json');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByText('Fixture: two short tasks')).toBeVisible();
  await expect(page.getByLabel('Bundle address candidates load it from')).toHaveValue('/__fixtures__/minimal.json');
  await expect(page.getByLabel('Time allowed (minutes)')).toHaveValue('30');
  await page.getByLabel('One person per line').fill(people.join('\n'));
  await page.getByRole('button', { name: `Mint ${people.length} invite links` }).click();
  await expect(page.getByRole('table', { name: `${people.length} invite links` })).toBeVisible();
}

test('a team key: create, back up, mint invites, reload, restore elsewhere', async ({ page, appUrl, browser }) => {
  await page.goto(appUrl);
  await page.getByRole('link', { name: 'Team key and invites' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team key and invites' })).toBeVisible();
  await createKey(page);

  // Until the backup is downloaded: a banner, and a question before leaving the page.
  await expect(page.getByRole('alert').filter({ hasText: 'is not backed up' })).toBeVisible();
  const dialog = page.waitForEvent('dialog');
  const brand = page.getByRole('link', { name: 'Assay', exact: true });
  await Promise.all([dialog.then((d) => d.dismiss()), brand.click()]);
  expect((await dialog).message()).toMatch(/has not been backed up/);
  await expect(page).toHaveURL(/#\/team$/);

  const backupFile = await download(page, 'Download the backup');
  expect(backupFile.suggestedFilename()).toBe('assay-team-key-backup_Acme-data-team.json');
  const backup = validateTeamKeyBackup(JSON.parse(await downloadedText(backupFile)));
  await expect(page.getByText('is not backed up')).toHaveCount(0);
  const publicFile = await download(page, 'Download the public key');
  expect(publicFile.suggestedFilename()).toBe('assay-team-key_Acme-data-team.json');
  const teamKey = validateTeamKeyFile(JSON.parse(await downloadedText(publicFile)));
  expect(backup.public).toEqual(teamKey);
  expect(teamKey.name).toBe(NAME);
  await expect(page.getByText(teamKey.signing.kid)).toBeVisible();

  await mint(page, PEOPLE);
  const csvFile = await download(page, 'Download CSV');
  expect(csvFile.suggestedFilename()).toMatch(/^assay-invites_fixture-minimal_\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = readCsv(await downloadedText(csvFile)).records.map((r) => r.fields);
  expect(header).toEqual(['name', 'email', 'link']);
  expect(rows.map(([name, email]) => [name, email])).toEqual([
    ['Ada Lovelace', 'ada@example.org'],
    ['Grace Hopper', 'grace@example.org'],
    ['', 'alan@example.org'],
  ]);
  const { hash } = await loadBundleText(await readFile('tests/fixtures/bundles/minimal.json', 'utf8'));
  for (const [name = '', email = '', link = ''] of rows) {
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe(appUrl);
    const params = new URLSearchParams(url.hash.replace(/^#\/take\?/, ''));
    expect(params.get('src')).toBe('/__fixtures__/minimal.json');
    const token = params.get('invite') ?? '';
    const claims = readInvite(token);
    expect(claims).toMatchObject({ sub: email, email, bundle: hash, dur: 30, rcpt: teamKey.encryption.jwk });
    expect(claims.name).toBe(name || undefined);
    expect(claims.exp - claims.nbf).toBeGreaterThanOrEqual(7 * 24 * 3600 - 60);
    expect((await verifyInviteSignature(token, [teamKey.signing])).ok).toBe(true);
  }

  // The key survives a reload (and, backed up, leaving asks nothing).
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: `Team key “${NAME}”` })).toBeVisible();
  await expect(page.getByText(teamKey.signing.kid)).toBeVisible();

  // Another browser profile: restore from the backup with the passphrase.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(`${appUrl}#/team`);
  const restore = other.getByRole('region', { name: 'Restore from a backup' });
  await restore.getByLabel('Backup file', { exact: true }).setInputFiles(await backupFile.path());
  await restore.getByLabel('Passphrase of the backup').fill('not the right passphrase');
  await restore.getByRole('button', { name: 'Restore the team key' }).click();
  await expect(restore.getByRole('alert')).toContainText('The passphrase is wrong, or the backup file is damaged.', {
    timeout: 20_000,
  });
  await restore.getByLabel('Passphrase of the backup').fill(PASSPHRASE);
  await restore.getByRole('button', { name: 'Restore the team key' }).click();
  await expect(other.getByRole('heading', { level: 2, name: `Team key “${NAME}”` })).toBeVisible({ timeout: 20_000 });
  await expect(other.getByText(teamKey.encryption.kid)).toBeVisible();
  await expect(other.getByText('is not backed up')).toHaveCount(0);
  await fresh.close();
});

async function capture(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const body = await page.screenshot({ path: `test-results/team/${name}.png`, fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: innerWidth,
    offenders: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
      .slice(0, 6)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
  }));
  expect
    .soft(widths.scroll, `${name} scrolls sideways: ${widths.offenders.join(', ')}`)
    .toBeLessThanOrEqual(widths.inner);
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`the team page at ${size}: screenshots`, async ({ page, appUrl }, testInfo) => {
    await mkdir('test-results/team', { recursive: true });
    await page.setViewportSize(viewport);
    await page.goto(`${appUrl}#/team`);
    await expect(page.getByRole('heading', { level: 1, name: 'Team key and invites' })).toBeVisible();
    await capture(page, testInfo, `${size}-1-no-key`);
    await createKey(page);
    await capture(page, testInfo, `${size}-2-key-not-backed-up`);
    await download(page, 'Download the backup');
    await page.getByLabel('One person per line').fill([...PEOPLE, 'Bob <bob@nowhere>'].join('\n'));
    await page.getByRole('button', { name: 'Mint 3 invite links' }).click();
    await expect(page.getByText('Line 4: “bob@nowhere” is not an email address')).toBeVisible();
    await expect(page.getByText('Load the bundle the invites are for.')).toBeVisible();
    await capture(page, testInfo, `${size}-3-list-problems`);
    await mint(page, PEOPLE);
    await capture(page, testInfo, `${size}-4-invites`);
  });
}
