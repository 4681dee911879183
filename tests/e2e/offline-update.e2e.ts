/**
 * A new version never reloads a candidate's page by itself: with a v1 tab holding
 * text typed a moment ago, a v2 build appears at the same address; the tab offers
 * the update and keeps the text; accepting it saves, reloads into v2 and the text
 * is still there. Accepting it in another tab reloads that tab only.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { parseResultText } from '../../src/core/index.ts';
import { downloadedText, fixtureLink, startExercise } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { tempDir, waitForServiceWorker } from './support/offline.ts';
import { startStaticServer, type StaticServer } from './support/static-server.ts';

const V2 = '9.9.9-test';

/** Builds the hosted app again, as version V2, into `dir`. */
async function buildV2(dir: string): Promise<void> {
  await promisify(execFile)('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], {
    env: { ...process.env, ASSAY_VERSION: V2 },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The entry script a built index.html loads (its name changes with the version). */
async function entryScript(dir: string): Promise<string> {
  const html = await readFile(path.join(dir, 'index.html'), 'utf8');
  const match = /<script type="module"[^>]*src="\.?\/?([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`no entry script in ${dir}/index.html`);
  return match[1];
}

/** The v2 build, made once for the tests of this file. */
let v2: { dir: string; cleanup: () => Promise<void> };
let v1Script: string;
let v2Script: string;

test.beforeAll(async () => {
  // A whole build: it takes a while on a busy machine.
  test.setTimeout(240_000);
  v2 = await tempDir('assay-v2-');
  await buildV2(v2.dir);
  v1Script = await entryScript('dist');
  v2Script = await entryScript(v2.dir);
  expect(v2Script, 'the v2 build differs from v1').not.toBe(v1Script);
});

test.afterAll(async () => {
  await v2?.cleanup();
});

/** Serves dist/ (v1) on a server of its own, whose '/' the test moves to v2 later. */
async function withServer(run: (server: StaticServer) => Promise<void>): Promise<void> {
  const server = await startStaticServer({ '/': 'dist', '/__fixtures__/': 'tests/fixtures/bundles' });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

/** Visits v1 until its service worker controls the page, then starts the fixture exercise. */
async function startOnV1(page: Page, appUrl: string): Promise<void> {
  await page.goto(appUrl);
  await waitForServiceWorker(page);
  await page.goto(fixtureLink(appUrl, 'minimal.json'));
  await startExercise(page);
  expect(await runningScript(page)).toContain(v1Script);
}

const runningScript = (page: Page) =>
  page.evaluate(() => document.querySelector('script[type=module]')?.getAttribute('src') ?? '');

/** A marker a reload would wipe, and a count of the tab's navigations from now on. */
async function watchForReloads(page: Page): Promise<{ navigations: () => number; marked: () => Promise<boolean> }> {
  await page.evaluate(() => Object.assign(window, { assayV1Tab: true }));
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  return {
    navigations: () => navigations,
    marked: () => page.evaluate(() => (window as unknown as { assayV1Tab?: boolean }).assayV1Tab === true),
  };
}

/** Publishes v2; `page` looks for it as the app does every hour or when it comes back into view. */
async function publishV2(server: StaticServer, page: Page): Promise<void> {
  server.mount('/', v2.dir);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
}

const updateBanner = (page: Page) => page.getByRole('status').filter({ hasText: 'A new version of Assay is ready.' });
const critiqueA = (page: Page) => page.getByRole('textbox', { name: 'Your critique of response A' });

/** Clicks "Update now" and waits for the reload it makes. */
async function acceptUpdate(page: Page): Promise<void> {
  const reloaded = page.waitForEvent('load');
  await updateBanner(page).getByRole('button', { name: 'Update now' }).click();
  await reloaded;
}

/** The page runs v2: its entry script, and its version in the draft it exports, with `text` in it. */
async function expectV2(page: Page, text: string): Promise<void> {
  expect(await runningScript(page)).toContain(v2Script);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export draft/ }).click();
  const draft = parseResultText(await downloadedText(await downloading));
  expect(draft.app.version).toBe(V2);
  expect(draft.tasks.flatMap((t) => t.outputs.map((o) => o.critique))).toContain(text);
}

test('a new version is offered, not forced, and accepting it keeps the text just typed', async ({ page }) => {
  await withServer(async (server) => {
    const appUrl = `${server.url}/`;
    await startOnV1(page, appUrl);
    const link = page.url();
    const reloads = await watchForReloads(page);

    const text = 'Correct, and says nothing beyond the question: Canberra.';
    await critiqueA(page).click();
    await page.keyboard.type(text);
    await publishV2(server, page);

    await expect(updateBanner(page)).toBeVisible({ timeout: 30_000 });
    await expect(updateBanner(page)).toContainText('Your work is saved first');
    expect(await reloads.marked(), 'the v1 tab reloaded by itself').toBe(true);
    expect(reloads.navigations(), 'the v1 tab navigated by itself').toBe(0);
    await expect(critiqueA(page)).toHaveValue(text);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe(
      'installed',
    );
    // Still v1, still working, for as long as the candidate likes.
    await page.keyboard.type(' Nothing to fix.');
    await page.waitForTimeout(1000);
    expect(reloads.navigations()).toBe(0);
    await expect(critiqueA(page)).toHaveValue(`${text} Nothing to fix.`);

    await acceptUpdate(page);
    await expect(page.getByRole('timer')).toBeVisible();
    expect(page.url()).toBe(link);
    expect(await reloads.marked()).toBe(false);
    await expect(critiqueA(page)).toHaveValue(`${text} Nothing to fix.`);
    await expect(updateBanner(page)).toHaveCount(0);
    await expectV2(page, `${text} Nothing to fix.`);
  });
});

test('accepting the update in another tab reloads that tab, not the one with the exercise', async ({
  page,
  context,
}) => {
  await withServer(async (server) => {
    const appUrl = `${server.url}/`;
    await startOnV1(page, appUrl);
    const other = await context.newPage();
    await other.goto(appUrl);
    await expect(
      other.getByRole('heading', { level: 1, name: 'Practical exercises for AI model trainers' }),
    ).toBeVisible();
    const reloads = await watchForReloads(page);

    const text = 'Right answer, right length: nothing to fix.';
    await critiqueA(page).click();
    await page.keyboard.type(text);
    await publishV2(server, other);
    await expect(updateBanner(other)).toBeVisible({ timeout: 30_000 });
    await expect(updateBanner(page)).toBeVisible({ timeout: 30_000 });

    await page.keyboard.type(' Typed as the other tab updates.');
    await acceptUpdate(other);
    expect(await runningScript(other)).toContain(v2Script);
    // The new version now serves every tab, but this one keeps its page until its user says so.
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting === null))
      .toBe(true);
    await page.waitForTimeout(1000);
    expect(reloads.navigations(), 'the exercise tab navigated by itself').toBe(0);
    expect(await reloads.marked(), 'the exercise tab reloaded by itself').toBe(true);
    const all = `${text} Typed as the other tab updates.`;
    await expect(critiqueA(page)).toHaveValue(all);
    await expect(updateBanner(page)).toBeVisible();

    await acceptUpdate(page);
    await expect(critiqueA(page)).toHaveValue(all);
    expect(await reloads.marked()).toBe(false);
    await expectV2(page, all);
  });
});
