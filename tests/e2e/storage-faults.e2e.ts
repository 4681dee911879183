/**
 * Storage failing under a running attempt (issue 10): the database deleted from
 * another tab, and a full disk (Chromium's real quota error, the origin's quota
 * set to one byte through the DevTools protocol). The attempt on screen always
 * survives, the candidate can always start or resume, and no message advises an
 * action that would lose work.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { parseResultText, type Result } from '../../src/core/index.ts';
import { downloadedText, fixtureLink, openAndStart, rankingOnScreen, startExercise } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { tempDir } from './support/offline.ts';

const run = promisify(execFile);
const critiqueA = (page: Page) => page.getByRole('textbox', { name: 'Your critique of response A' });
const critiques = (result: Result) => result.tasks.flatMap((t) => t.outputs.map((o) => o.critique));

async function exportDraft(page: Page): Promise<{ text: string; result: Result }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export draft/ }).click();
  const text = await downloadedText(await downloading);
  return { text, result: parseResultText(text) };
}

/** Sets the origin's storage quota (bytes); 1 makes every IndexedDB write fail with QuotaExceededError. */
async function setQuota(page: Page, origin: string, quotaSize: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
}

/**
 * Fills what is left of the origin's quota with a database of random bytes (which
 * do not compress), so the app's next write fails with QuotaExceededError. The
 * quota must have been set small (setQuota) before the origin first stored anything.
 */
async function fillStorage(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('test-filler', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('bytes');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const put = (size: number) =>
      new Promise<boolean>((resolve) => {
        const bytes = new Uint8Array(size);
        for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
        const tx = db.transaction('bytes', 'readwrite');
        tx.objectStore('bytes').add(bytes, Math.random());
        tx.oncomplete = () => resolve(true);
        tx.onabort = () => resolve(false);
      });
    for (let size = 256 * 1024; size >= 256;) if (!(await put(size))) size /= 2;
    db.close();
  });
}

/** No message on the page tells the candidate to reload (which, when storage fails, loses work). */
async function expectNoReloadAdvice(page: Page): Promise<void> {
  await expect(page.getByText(/reload (the|this) page|reload to/i)).toHaveCount(0);
}

test('an attempt whose database is deleted from another tab is stored again, and a reload keeps everything', async ({
  page,
  context,
  appUrl,
}) => {
  await openAndStart(page, appUrl, 'minimal.json');
  await critiqueA(page).fill('Before the deletion: correct, Canberra.');
  await page.getByRole('combobox', { name: 'Rank of response C' }).selectOption('1');
  await expect.poll(() => rankingOnScreen(page, 'capital')).toEqual(['long', 'right', 'wrong']);
  await expect(page.getByText('All changes saved')).toBeVisible();
  const { result: before } = await exportDraft(page);

  // A second page of the same site deletes the candidate's database.
  const other = await context.newPage();
  await other.goto(`${appUrl}__fixtures__/minimal.json`);
  await other.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('assay-candidate');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );

  // The candidate goes on typing; the attempt is stored again from the page.
  await critiqueA(page).press('End');
  await page.keyboard.type(' After the deletion.');
  await expect(page.getByText('All changes saved')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'not being saved' })).toHaveCount(0);
  await expectNoReloadAdvice(page);
  expect(await other.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain(
    'assay-candidate',
  );

  await page.reload();
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(critiqueA(page)).toHaveValue('Before the deletion: correct, Canberra. After the deletion.');
  expect(await rankingOnScreen(page, 'capital')).toEqual(['long', 'right', 'wrong']);
  const { text, result: after } = await exportDraft(page);
  expect(after.timing.startedAt).toBe(before.timing.startedAt);
  expect(after.attemptId).toBe(before.attemptId);
  expect(critiques(after)).toContain('Before the deletion: correct, Canberra. After the deletion.');

  // The event log and its signature came through whole: the command line checks the draft.
  const { dir, cleanup } = await tempDir('assay-deleted-');
  try {
    const file = path.join(dir, 'draft.json');
    await writeFile(file, text);
    const { stdout } = await run(process.execPath, [
      'bin/assay.js',
      'verify',
      '--bundle',
      'tests/fixtures/bundles/minimal.json',
      file,
    ]);
    expect(stdout).toContain('1 file: 0 ok, 1 with warnings, 0 failed');
    // The one warning is the draft's own (not submitted), none about the log or the key.
    expect(stdout.split('\n').filter((l) => /^\s*(warn|fail)\b/.test(l))).toEqual([
      expect.stringMatching(/^\s*warn Time taken: A draft/),
    ]);
  } finally {
    await cleanup();
  }
});

test('with storage full before the start, the exercise starts in memory and says so', async ({ page, appUrl }) => {
  await setQuota(page, new URL(appUrl).origin, 1);
  await page.goto(fixtureLink(appUrl, 'minimal.json'));
  await expect(page.getByRole('heading', { level: 1, name: 'Fixture: two short tasks' })).toBeVisible();
  await startExercise(page);

  const banner = page.getByRole('status').filter({ hasText: 'Your work is not being saved in this browser.' });
  await expect(banner).toContainText('storage is full');
  await expect(banner).toContainText('kept in this tab only');
  // Said before anything was typed: nothing claims to be "still on screen".
  await expect(banner).not.toContainText('still on screen');
  await expectNoReloadAdvice(page);

  await critiqueA(page).fill('Typed with a full disk: correct, Canberra.');
  await expect(page.getByText('Not saved in this browser: export a draft')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export draft (do it often)' })).toBeVisible();
  const { result } = await exportDraft(page);
  expect(result.status).toBe('draft');
  expect(critiques(result)).toContain('Typed with a full disk: correct, Canberra.');
});

test('with storage full and a reload, the candidate resumes with every word and is told what is not saved', async ({
  page,
  appUrl,
}) => {
  await setQuota(page, new URL(appUrl).origin, 2 * 1024 * 1024);
  await openAndStart(page, appUrl, 'minimal.json');
  await critiqueA(page).fill('Saved before the disk filled up.');
  await expect(page.getByText('All changes saved')).toBeVisible();

  await fillStorage(page);
  await critiqueA(page).press('End');
  await page.keyboard.type(' Typed once it was full.');
  const problem = page.getByRole('status').filter({ hasText: 'Your latest changes are not saved.' });
  await expect(problem).toContainText('storage is full');
  await expectNoReloadAdvice(page);

  await page.reload();
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(critiqueA(page)).toHaveValue('Saved before the disk filled up. Typed once it was full.');
  await expect(critiqueA(page)).toBeEnabled();
  await expect(problem).toContainText('storage is full');
  await expect(problem).toContainText('what was saved before is kept');
  await expectNoReloadAdvice(page);
  await critiqueA(page).press('End');
  await page.keyboard.type(' And after the reload.');
  const { result } = await exportDraft(page);
  expect(critiques(result)).toContain('Saved before the disk filled up. Typed once it was full. And after the reload.');

  // A second reload, the disk still full: nothing is lost either.
  await page.reload();
  await expect(critiqueA(page)).toHaveValue(
    'Saved before the disk filled up. Typed once it was full. And after the reload.',
  );
});
