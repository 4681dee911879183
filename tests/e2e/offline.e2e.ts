/**
 * The hosted app after one visit works with no network: the service worker has
 * precached every file, so a candidate who loses the connection and reloads keeps
 * working on the exercise, and nothing the app needs fails to load.
 */
import type { Request } from '@playwright/test';
import { startExercise } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { waitForServiceWorker } from './support/offline.ts';

const SAMPLE_TITLE = 'Instruction following: business and everyday writing';

test('after one visit, the app reloads offline and the exercise goes on with its text', async ({
  page,
  context,
  appUrl,
}) => {
  const origin = new URL(appUrl).origin;
  await page.goto(appUrl);
  await waitForServiceWorker(page);

  // A sample exercise, from the start page's list (published with the app, so precached).
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await startExercise(page);
  const critique = page.getByRole('textbox', { name: 'Your critique of response A' });
  const text = 'Over the word limit: 162 words where 120 were asked for; the second paragraph repeats the first.';
  await critique.click();
  await page.keyboard.type(text);
  await expect(page.getByText('All changes saved')).toBeVisible();
  const link = page.url();

  // From here on, nothing of the app's own may fail to load, and all of it comes from the worker.
  const failed: string[] = [];
  const fromNetwork: string[] = [];
  const recordFailure = async (request: Request): Promise<void> => {
    if (!request.url().startsWith(origin)) return;
    // Chromium reports a fetch whose body the page reads with a stream reader (as the app
    // reads bundles, to cap their size) as aborted even when the page got all of it
    // (microsoft/playwright#42742). Such a fetch had its response: it did not fail.
    const response = request.resourceType() === 'fetch' ? await request.response() : null;
    if (response?.ok()) return;
    failed.push(`${request.url()}: ${request.failure()?.errorText ?? '?'}`);
  };
  page.on('requestfailed', (request) => void recordFailure(request));
  page.on('response', (response) => {
    if (!response.url().startsWith(origin)) return;
    if (!response.fromServiceWorker() || !response.ok()) fromNetwork.push(`${response.status()} ${response.url()}`);
  });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('timer')).toBeVisible();
  expect(page.url()).toBe(link);
  // Chromium 150 reports navigator.onLine as true in a document loaded while the context is
  // offline (the emulation reaches only documents that existed when it was set): toggling it
  // again fires the offline event the app listens for, as a real disconnect does.
  if (await page.evaluate(() => navigator.onLine)) {
    await context.setOffline(false);
    await context.setOffline(true);
  }
  await expect(page.getByText('Offline: work still saves here')).toBeVisible();
  await expect(critique).toHaveValue(text);

  // The exercise goes on: more text, the next task (its screens were cached too), another reload.
  await critique.press('End');
  await page.keyboard.type(' Cut it to the limit.');
  await expect(page.getByText('All changes saved')).toBeVisible();
  await page.getByRole('button', { name: 'Next task →' }).click();
  await expect(page.getByText('Task 2 of 4')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Task 2 of 4')).toBeVisible();
  await page.getByRole('button', { name: '← Previous task' }).click();
  await expect(critique).toHaveValue(`${text} Cut it to the limit.`);

  expect(failed, 'requests for the app’s own files that failed offline').toEqual([]);
  expect(fromNetwork, 'the app’s own files not answered (OK) by the service worker').toEqual([]);
  // pageErrors and cspViolations (fixtures) check the rest.
});
