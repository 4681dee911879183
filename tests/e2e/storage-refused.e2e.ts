/**
 * When the browser refuses storage (issue 10): the hosted build and the single-file
 * build both open the exercise, run it in memory with a banner that says the work
 * is kept only in this tab, and export a draft and the final result file.
 *
 * The refusal is Chromium's own: a profile whose site-data setting is "Don't allow
 * sites to save data" (content setting `cookies` = block). Then indexedDB.open fails
 * with "UnknownError: The user denied permission to access the database",
 * localStorage throws SecurityError, Web Locks and the Cache API refuse. A second
 * case removes IndexedDB from the page altogether (some embedded browsers).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, BrowserType, Page } from '@playwright/test';
import { parseResultText } from '../../src/core/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config.ts';
import { CANDIDATE, downloadedText, fixtureLink, startExercise } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { tempDir } from './support/offline.ts';

const critiqueA = (page: Page) => page.getByRole('textbox', { name: 'Your critique of response A' });
const TEXT = 'Correct: Canberra, in one sentence as the prompt asked.';

/** A browser whose profile blocks site data, with its page errors collected. */
async function blockedBrowser(
  playwright: { chromium: BrowserType },
  profile: string,
): Promise<{ context: BrowserContext; errors: string[] }> {
  await mkdir(path.join(profile, 'Default'), { recursive: true });
  await writeFile(
    path.join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
  );
  const context = await playwright.chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const errors: string[] = [];
  context.on('page', (page) => page.on('pageerror', (error) => errors.push(error.stack ?? error.message)));
  return { context, errors };
}

/** The exercise on screen: started, answered, a draft exported, submitted and the result downloaded. */
async function doTheExerciseInMemory(page: Page): Promise<void> {
  const banner = page.getByRole('status').filter({ hasText: 'Your work is not being saved in this browser.' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('kept in this tab only');
  await startExercise(page);
  await expect(banner).toBeVisible();
  await critiqueA(page).fill(TEXT);
  await expect(page.getByText('Not saved in this browser: export a draft')).toBeVisible();

  const drafting = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export draft (do it often)' }).click();
  const draft = parseResultText(await downloadedText(await drafting));
  expect(draft.status).toBe('draft');
  expect(draft.candidate).toMatchObject(CANDIDATE);
  expect(draft.tasks.flatMap((t) => t.outputs.map((o) => o.critique))).toContain(TEXT);

  await page.getByRole('button', { name: 'Keep this order' }).click();
  await page
    .getByRole('button', { name: /Review and submit/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Submit my answers' }).click();
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const finishing = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my result file' }).click();
  const result = parseResultText(await downloadedText(await finishing));
  expect(result.status).toBe('submitted');
  expect(result.tasks.flatMap((t) => t.outputs.map((o) => o.critique))).toContain(TEXT);
  // Still said after the end: closing the tab loses the attempt.
  await expect(banner).toBeVisible();
}

test.describe('the browser does not allow sites to save data', () => {
  let profile: string;
  let cleanup: () => Promise<void>;
  test.beforeEach(async () => {
    ({ dir: profile, cleanup } = await tempDir('assay-blocked-'));
  });
  test.afterEach(async () => {
    await cleanup();
  });

  test('the hosted build runs the exercise in memory and exports', async ({ playwright, appUrl }) => {
    const { context, errors } = await blockedBrowser(playwright, path.join(profile, 'browser'));
    try {
      const page = await context.newPage();
      await page.goto(fixtureLink(appUrl, 'minimal.json'));
      await expect(page.getByRole('heading', { level: 1, name: 'Fixture: two short tasks' })).toBeVisible();
      // Every route shows its page, not a blank one.
      await doTheExerciseInMemory(page);
      await page.goto(appUrl);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Practical exercises for AI model trainers' }),
      ).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'kept in this tab only' })).toBeVisible();
      expect(errors, 'uncaught exceptions in the page').toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the single-file build runs the exercise in memory and exports', async ({ playwright }) => {
    const file = path.join(profile, 'assay.html');
    await copyFile('dist-single/assay.html', file);
    const { context, errors } = await blockedBrowser(playwright, path.join(profile, 'browser'));
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.locator('input[type=file]').setInputFiles('tests/fixtures/bundles/minimal.json');
      await expect(page.getByRole('heading', { level: 1, name: 'Fixture: two short tasks' })).toBeVisible();
      await doTheExerciseInMemory(page);
      expect(errors, 'uncaught exceptions in the page').toEqual([]);
    } finally {
      await context.close();
    }
  });
});

test('without IndexedDB at all, the hosted build runs the exercise in memory and exports', async ({ page, appUrl }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto(fixtureLink(appUrl, 'minimal.json'));
  await expect(page.getByRole('heading', { level: 1, name: 'Fixture: two short tasks' })).toBeVisible();
  await doTheExerciseInMemory(page);
});
