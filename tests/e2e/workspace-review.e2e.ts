/**
 * The hiring team's reading and reviewing, end to end in Chromium: load the
 * fixture bundle and its answer key, import simulated signed results, read a
 * candidate's page (found / missed / false alarm against the key), then grade the
 * critiques as two reviewers in two browser profiles, each exporting their
 * grades, import both files into one workspace and see the agreement and the
 * reviewer scores in the candidates table. Screenshots of every page at a desktop
 * and a phone size go to test-results/workspace-review/, with a check that the
 * page never scrolls sideways.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import {
  loadBundleText,
  scoreResult,
  validateKeyForBundle,
  validateReviews,
  type Result,
} from '../../src/core/index.ts';
import { simulateResult } from '../../scripts/simulate-result.ts';
import { downloadedText } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

const BUNDLE = 'tests/fixtures/bundles/minimal.json';
const KEY = 'tests/fixtures/keys/minimal.key.json';
const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson'];
const SHOTS = 'test-results/workspace-review';
const SIZES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

let resultFiles: string[] = [];
let results: Result[] = [];

test.beforeAll(async () => {
  const loaded = await loadBundleText(await readFile(BUNDLE, 'utf8'));
  const dir = await mkdtemp(path.join(tmpdir(), 'assay-review-'));
  results = [];
  resultFiles = [];
  for (const [i, name] of PEOPLE.entries()) {
    const { result } = await simulateResult({
      bundle: loaded.bundle,
      bundleHash: loaded.hash,
      seed: i + 2,
      candidate: { name, email: `${name.split(' ')[0]?.toLowerCase()}@example.org` },
    });
    const file = path.join(dir, `result-${i + 1}.json`);
    await writeFile(file, JSON.stringify(result, null, 2));
    results.push(result);
    resultFiles.push(file);
  }
});

/** Bundle and key through the setup file picker, then the results through the import picker. */
async function setUpWorkspace(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}#/workspace`);
  await page.locator('input[type=file][aria-label="Bundle or answer key files"]').setInputFiles([BUNDLE, KEY]);
  await expect(page.getByText('Answer key for “Fixture: two short tasks” added.')).toBeVisible();
  await page.locator('input[type=file][aria-label="Result files"]').setInputFiles(resultFiles);
  for (const name of PEOPLE) await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
}

async function startReviewing(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Review critiques' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Start reviewing' }).click();
  await expect(page.getByText(`Reviewing as ${name}`)).toBeVisible();
  await expect(page.getByText('0 of 20 graded')).toBeVisible();
}

/** Grades every critique with the keyboard only: three number keys, then k for the next one. */
async function gradeAll(page: Page, gradeOf: (index: number) => number): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Critique ${i + 1} of 20`) })).toBeVisible();
    const key = String(gradeOf(i));
    for (let c = 0; c < 3; c++) await page.keyboard.press(key);
    await expect(page.getByText(`${i + 1} of 20 graded`)).toBeVisible();
    if (i < 19) await page.keyboard.press('k');
  }
  await expect(page.getByRole('status').filter({ hasText: 'All grades saved' })).toBeVisible();
}

async function exportReviews(page: Page, dir: string, name: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export my reviews' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^assay-reviews_fixture-minimal_.+\.json$/);
  const text = await downloadedText(download);
  const reviews = validateReviews(JSON.parse(text));
  expect(reviews.reviewer.name).toBe(name);
  expect(reviews.grades).toHaveLength(20);
  const file = path.join(dir, download.suggestedFilename());
  await writeFile(file, text);
  return file;
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
}

async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('candidate pages, and a review pass by two reviewers with their agreement', async ({ page, appUrl, browser }) => {
  test.setTimeout(180_000);
  const downloads = await mkdtemp(path.join(tmpdir(), 'assay-reviews-'));
  await setUpWorkspace(page, appUrl);

  // The candidate page: every known issue found or missed, every extra category a false alarm, as text.
  const loaded = await loadBundleText(await readFile(BUNDLE, 'utf8'));
  const key = validateKeyForBundle(JSON.parse(await readFile(KEY, 'utf8')), loaded.bundle, loaded.hash);
  const ada = results[0] as Result;
  const score = scoreResult(ada, loaded.bundle, key);
  await page.getByRole('link', { name: 'Ada Lovelace', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Composite score: \d+%( \(provisional\))?$/ })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Ranking agreement' })).toBeVisible();
  for (const task of score.tasks) {
    const section = page.getByRole('region', { name: new RegExp(`^Task \\d: ${task.title}`) });
    const details = section.locator('details').first();
    if ((await details.getAttribute('open')) === null) await section.locator('summary').first().click();
    for (const output of task.outputs) {
      const list = section.getByRole('list', { name: `Response ${output.label} against the answer key` });
      const found = output.issues.filter((i) => i.outcome === 'found').length;
      const missed = output.issues.length - found;
      await expect(list.getByText('found', { exact: true })).toHaveCount(found);
      await expect(list.getByText('missed', { exact: true })).toHaveCount(missed);
      await expect(list.getByText('false alarm', { exact: true })).toHaveCount(output.falseAlarms.length);
    }
  }
  const timeline = page.getByRole('region', { name: 'Event timeline' });
  await expect(timeline.getByText('Started the exercise')).toBeVisible();
  await expect(timeline).not.toContainText(/cheat|suspicious/i);
  if (ada.events.some((e) => e.type === 'critique.paste'))
    await expect(timeline.getByText('review suggested').first()).toBeVisible();
  await screenshots(page, 'candidate');

  await page.getByRole('link', { name: 'Print report' }).click();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toHaveCount(0);
  await screenshots(page, 'report');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${SHOTS}/report-print.png`, fullPage: true });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  await page.getByRole('link', { name: '← Back to the candidate' }).click();
  await page.getByLabel('Compare with…').selectOption({ label: 'Grace Hopper' });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare candidates' })).toBeVisible();
  await page.getByLabel('Add a candidate').selectOption({ label: 'Alan Turing (fixture-minimal v1.0.0)' });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveCount(3);
  await expect(table.getByRole('rowheader', { name: /^Response C \(long\)/ })).toBeVisible();
  await screenshots(page, 'compare');
  await page.getByLabel('Task', { exact: true }).selectOption({ label: 'Task 2: Sum of the first hundred numbers' });
  await expect(page).toHaveURL(/task=sum/);
  await expect(table.getByRole('rowheader', { name: /^Response B \(slip\)/ })).toBeVisible();

  // Reviewer A grades everything 3, with the keyboard, and exports.
  await startReviewing(page, 'Reviewer A');
  await expect(page.getByText(/^Candidate \d · Task 1/)).toBeVisible();
  for (const name of PEOPLE) await expect(page.getByText(name)).toHaveCount(0);
  await gradeAll(page, () => 3);
  const fileA = await exportReviews(page, downloads, 'Reviewer A');
  // The shortcuts work where the grader has focus (not on the export button).
  await page.keyboard.press('j');
  await expect(page.getByRole('heading', { level: 2, name: /^Critique 20 of 20/ })).toBeVisible();
  await page.locator('#grader-heading').focus();
  await page.keyboard.press('j');
  await expect(page.getByRole('heading', { level: 2, name: /^Critique 19 of 20/ })).toBeVisible();

  // Reviewer B, in another browser profile: same results, grades 1 on every other critique.
  const other: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const pageB = await other.newPage();
  await setUpWorkspace(pageB, appUrl);
  await startReviewing(pageB, 'Reviewer B');
  await gradeAll(pageB, (i) => (i % 2 === 0 ? 1 : 3));
  const fileB = await exportReviews(pageB, downloads, 'Reviewer B');
  await other.close();

  // Both files into reviewer A's workspace.
  await page.getByLabel('Reviews files to import').setInputFiles([fileA, fileB]);
  await expect(page.getByText(/Grades by Reviewer B imported \(20 critiques\)/)).toBeVisible();
  const agreement = page.getByRole('region', { name: 'Agreement between reviewers' });
  await expect(agreement.getByText('Reviewer A, Reviewer B')).toBeVisible();
  await expect(agreement.locator('dd.alpha')).toHaveText(/^[+−]?\d\.\d\d$/);
  // B gave 1 where A gave 3 on every criterion of 10 critiques.
  await expect(
    agreement.getByRole('heading', { name: 'Critiques where reviewers differ by 2 or more (10)' }),
  ).toBeVisible();
  const disagreements = agreement.getByRole('list', { name: 'Critiques to adjudicate' }).getByRole('listitem');
  await expect(disagreements).toHaveCount(10);
  for (const criterion of ['Specific', 'Correct', 'Actionable'])
    await expect(disagreements.first()).toContainText(`${criterion}: Reviewer A 3, Reviewer B 1`);
  await disagreements
    .first()
    .getByRole('button', { name: /^Grade again/ })
    .click();
  await expect(page.locator('#grader-heading')).toBeFocused();
  await screenshots(page, 'review');

  // Blind mode off: names instead of numbers.
  await page.getByLabel('Blind mode: hide names and shuffle the critiques').uncheck();
  await expect(page.locator('#grader-heading')).toContainText(new RegExp(`(${PEOPLE.join('|')}) · Task`));
  await expect(disagreements.first()).toContainText(new RegExp(`^(${PEOPLE.join('|')}) · Task`));

  // The candidates table now has reviewer scores.
  await page.getByRole('link', { name: 'Candidates' }).click();
  const candidates = page.locator('table', { has: page.getByRole('columnheader', { name: /Reviewer score/ }) });
  const headers = await candidates.locator('thead th').allTextContents();
  const column = headers.findIndex((h) => h.includes('Reviewer score'));
  expect(column).toBeGreaterThan(0);
  for (const name of PEOPLE) {
    const row = candidates.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(row.locator('> *').nth(column)).toHaveText(/\d/);
  }
});
