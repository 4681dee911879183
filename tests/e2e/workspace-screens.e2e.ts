/**
 * The workspace page at a desktop and a phone size, empty and with 20 imported
 * results: screenshots saved to test-results/screens/ and attached, and a check
 * that the page never scrolls sideways (the table scrolls inside its own box).
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { CODE_REVIEW_BUNDLE, CODE_REVIEW_KEY, simulatedFolder } from './support/workspace.ts';

const SIZES = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
const DIR = 'test-results/screens';

function sideways(page: Page): Promise<{ scrollWidth: number; innerWidth: number; offenders: string[] }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    offenders: [...document.querySelectorAll('body *')]
      .filter(
        (el) =>
          el.getBoundingClientRect().right > window.innerWidth + 0.5 &&
          !el.parentElement?.closest('[role="region"], .visually-hidden'),
      )
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
  }));
}

let folder: Promise<string> | null = null;

for (const viewport of SIZES) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`the workspace at ${size}: empty and with 20 results, no sideways scrolling`, async ({
    page,
    appUrl,
  }, testInfo) => {
    folder ??= simulatedFolder(20);
    await mkdir(DIR, { recursive: true });
    await page.setViewportSize(viewport);
    const capture = async (name: string) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      const body = await page.screenshot({ path: `${DIR}/${size}-workspace-${name}.png`, fullPage: true });
      await testInfo.attach(`${size}-workspace-${name}`, { body, contentType: 'image/png' });
      const report = await sideways(page);
      expect
        .soft(report.scrollWidth, `${name} at ${size} scrolls sideways: ${report.offenders.join(', ')}`)
        .toBeLessThanOrEqual(report.innerWidth);
    };

    await page.goto(`${appUrl}#/workspace`);
    await expect(page.getByRole('heading', { level: 1, name: 'Hiring workspace' })).toBeVisible();
    await capture('1-empty');

    await page.getByLabel('Bundle or answer key files').setInputFiles([CODE_REVIEW_BUNDLE, CODE_REVIEW_KEY]);
    await expect(page.getByText('Answer key loaded')).toBeVisible();
    await page.getByLabel('Folder of result files').setInputFiles(await folder);
    await expect(page.getByRole('region', { name: /^Last import: 20 files/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Charts' })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Composite scores of 20 candidates/ })).toBeVisible();
    await capture('2-results');

    // A composite's parts and an integrity problem, opened.
    const table = page.getByRole('region', { name: 'Candidates table' });
    await table.locator('tbody tr').first().locator('.composite summary').click();
    await page
      .getByRole('group', { name: /Active minutes against composite score/ })
      .getByRole('link')
      .first()
      .focus();
    await capture('3-details');
  });
}
