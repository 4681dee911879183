/**
 * One HTML file on disk, no server and no network: the single-file build (a bundle
 * picked from disk) and take-home copies (the bundle embedded) are taken from
 * file://, keep their text across a reload, request nothing but file:, data: and
 * blob: URLs (blob: being the downloads the app makes), and two take-home copies in
 * one folder never see each other's attempts.
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { parseResultText } from '../../src/core/index.ts';
import { CANDIDATE, downloadedText, startExercise } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { recordNonLocalRequests, tempDir, writeTakeHomeCopy } from './support/offline.ts';

const critiqueA = (page: Page) => page.getByRole('textbox', { name: 'Your critique of response A' });

/**
 * Types a critique, then checks it is kept: across a reload when the browser keeps
 * the file's storage, else (the storage banner shows) in an exported draft.
 */
async function typeAndKeep(page: Page, text: string): Promise<void> {
  await critiqueA(page).click();
  await page.keyboard.type(text);
  const storageBanner = page.getByRole('status').filter({ hasText: 'Your work is not being saved in this browser.' });
  const kept = (await storageBanner.isVisible()) ? 'in an exported draft (storage unavailable)' : 'across a reload';
  test.info().annotations.push({ type: 'text kept', description: kept });
  if (await storageBanner.isVisible()) {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /^Export draft/ }).click();
    const draft = parseResultText(await downloadedText(await downloading));
    expect(draft.tasks.flatMap((t) => t.outputs.map((o) => o.critique))).toContain(text);
    return;
  }
  await expect(page.getByText('All changes saved')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(critiqueA(page)).toHaveValue(text);
}

test.describe('from file://', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  test.beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('assay-disk-'));
  });
  test.afterEach(async () => {
    await cleanup();
  });

  test('the single-file build takes an exercise picked from disk and keeps its text', async ({ page }) => {
    const file = path.join(dir, 'assay.html');
    await copyFile('dist-single/assay.html', file);
    const outside = recordNonLocalRequests(page);

    await page.goto(pathToFileURL(file).href);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Practical exercises for AI model trainers' }),
    ).toBeVisible();
    // No server to fetch a bundle from: the candidate picks the file they were sent.
    await page.locator('input[type=file]').setInputFiles('tests/fixtures/bundles/minimal.json');
    await expect(page.getByRole('heading', { level: 1, name: 'Fixture: two short tasks' })).toBeVisible();
    await expect(page.getByText('This exercise runs from a file on your computer')).toBeVisible();
    await startExercise(page);
    await typeAndKeep(page, 'Correct: Canberra, and nothing more than the question asked for.');

    // Back on the start page, the attempt is listed and resumes.
    await page.goto(`${pathToFileURL(file).href}#/`);
    const attempts = page.getByRole('region', { name: 'Your exercises in this browser' });
    await expect(attempts.getByRole('listitem')).toHaveCount(1);
    await attempts.getByRole('link', { name: 'Resume' }).click();
    await expect(critiqueA(page)).toHaveValue('Correct: Canberra, and nothing more than the question asked for.');
    expect(outside, 'requests other than file:, data: and blob:').toEqual([]);
  });

  test('a take-home copy opens on its exercise, keeps its text and exports, with no request outside the file', async ({
    page,
  }) => {
    const url = await writeTakeHomeCopy(dir, 'exercises/instruction-following.json', 'instruction-following.html');
    const outside = recordNonLocalRequests(page);

    await page.goto(url);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Instruction following: business and everyday writing' }),
    ).toBeVisible();
    expect(page.url()).toBe(`${url}#/take?embedded=1`);
    await expect(page.getByText('Do not move or rename this file until you have exported your result.')).toBeVisible();
    await startExercise(page);
    await expect(page.getByRole('button', { name: 'Export draft (do it often)' })).toBeVisible();
    const text = 'Over the limit: about 160 words where 120 were asked, and the launch date is missing.';
    await typeAndKeep(page, text);

    // The draft is signed and carries the text, whichever way it was kept.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export draft (do it often)' }).click();
    const draft = parseResultText(await downloadedText(await downloading));
    expect(draft.status).toBe('draft');
    expect(draft.bundle.id).toBe('instruction-following');
    expect(draft.candidate).toMatchObject(CANDIDATE);
    expect(draft.tasks.flatMap((t) => t.outputs.map((o) => o.critique))).toContain(text);
    expect(outside, 'requests other than file:, data: and blob:').toEqual([]);
  });

  test('two take-home copies in one folder do not see each other’s attempts', async ({ page, context }) => {
    const first = await writeTakeHomeCopy(dir, 'exercises/code-review.json', 'code-review.html');
    const second = await writeTakeHomeCopy(dir, 'exercises/math-science-reasoning.json', 'maths.html');
    const outside = recordNonLocalRequests(page);

    // Copy 1: started, with text in it.
    await page.goto(first);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Code review: writing and reviewing code' }),
    ).toBeVisible();
    await startExercise(page);
    const text = 'The window deque drops indices too late: the maximum of an old window leaks into the next.';
    await critiqueA(page).click();
    await page.keyboard.type(text);
    await expect(page.getByText('All changes saved')).toBeVisible();

    // Copy 2, in the same browser and folder (one file:// origin): a fresh start.
    const other = await context.newPage();
    await other.goto(second);
    await expect(other.getByRole('heading', { level: 1, name: 'Maths and science reasoning' })).toBeVisible();
    await expect(other.getByRole('button', { name: 'Start the exercise' })).toBeVisible();
    await expect(other.getByLabel('Your name')).toHaveValue('');
    await expect(other.getByRole('timer')).toHaveCount(0);
    // Its start page lists no attempt: copy 1's is not in its storage.
    await other.evaluate(() => (location.hash = '#/'));
    await expect(
      other.getByRole('heading', { level: 1, name: 'Practical exercises for AI model trainers' }),
    ).toBeVisible();
    await expect(other.getByRole('heading', { name: 'Sample exercises' })).toBeVisible();
    await expect(other.getByRole('region', { name: 'Your exercises in this browser' })).toHaveCount(0);
    await expect(other.getByText('code-review')).toHaveCount(0);

    // Started too, copy 2 lists only its own attempt.
    await other.goto(second);
    await startExercise(other, { name: 'Grace Hopper', email: 'grace@example.org' });
    await expect(critiqueA(other)).toHaveValue('');
    await critiqueA(other).fill('Unit slip: mg/kg times kg, then divided by the wrong number of doses.');
    await expect(other.getByText('All changes saved')).toBeVisible();
    await other.evaluate(() => (location.hash = '#/'));
    const attempts = other.getByRole('region', { name: 'Your exercises in this browser' });
    await expect(attempts.getByRole('listitem')).toHaveCount(1);
    await expect(attempts.getByRole('listitem')).toContainText('Grace Hopper');
    await expect(attempts).not.toContainText('code-review');
    await other.close();

    // Copy 1 still resumes its own attempt, text and name.
    await page.reload();
    await expect(critiqueA(page)).toHaveValue(text);
    await page.evaluate(() => (location.hash = '#/'));
    const own = page.getByRole('region', { name: 'Your exercises in this browser' });
    await expect(own.getByRole('listitem')).toHaveCount(1);
    await expect(own.getByRole('listitem')).toContainText(CANDIDATE.name);
    await expect(own).not.toContainText('Grace Hopper');
    expect(outside, 'requests other than file:, data: and blob:').toEqual([]);
  });
});
