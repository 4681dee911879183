/**
 * A screenshot of every screen at a desktop and a phone size, saved to
 * test-results/screens/ and attached to the report, and a check that no screen
 * scrolls sideways.
 */
import { mkdir } from 'node:fs/promises';
import type { Page, TestInfo } from '@playwright/test';
import { fixtureLink, startExercise } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

const SIZES = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
const DIR = 'test-results/screens';

interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  /** The elements that reach past the right edge, for the failure message. */
  offenders: string[];
}

function overflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const offenders = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
      .slice(0, 8)
      .map((el) => {
        const classes = [...el.classList].filter((c) => !c.startsWith('svelte-')).join('.');
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes ? `.${classes}` : ''} (right ${Math.round(el.getBoundingClientRect().right)})`;
      });
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, offenders };
  });
}

async function capture(page: Page, testInfo: TestInfo, size: string, screen: string): Promise<void> {
  const path = `${DIR}/${size}-${screen}.png`;
  await page.evaluate(() => window.scrollTo(0, 0));
  const body = await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`${size}-${screen}`, { body, contentType: 'image/png' });
  const report = await overflow(page);
  expect
    .soft(report.scrollWidth, `${screen} at ${size} scrolls sideways: ${report.offenders.join(', ')}`)
    .toBeLessThanOrEqual(report.innerWidth);
}

for (const viewport of SIZES) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`every screen at ${size}: screenshots, and no sideways scrolling`, async ({ page, appUrl }, testInfo) => {
    await mkdir(DIR, { recursive: true });
    await page.setViewportSize(viewport);

    await page.goto(appUrl);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Practical exercises for AI model trainers' }),
    ).toBeVisible();
    await expect
      .soft(page.getByRole('link', { name: /Instruction following/ }), 'the start page lists the sample exercises')
      .toBeVisible();
    await capture(page, testInfo, size, '1-start');

    await page.goto(fixtureLink(appUrl, 'minimal.json'));
    await expect(page.getByRole('button', { name: 'Start the exercise' })).toBeVisible();
    await capture(page, testInfo, size, '2-intro');

    await startExercise(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Capital of Australia' })).toBeVisible();
    const answer = page.getByRole('article', { name: 'Response B' });
    await answer.getByRole('checkbox', { name: 'Factual error' }).check();
    await answer.getByRole('radio', { name: 'Critical' }).check();
    await page
      .getByRole('textbox', { name: 'Your critique of response B' })
      .fill('Sydney is not the capital: it is Canberra. A plain factual error in the one fact asked for.');
    await capture(page, testInfo, size, '3-task');

    await page.getByRole('button', { name: 'Next task →' }).click();
    await page.getByRole('button', { name: 'Review and submit →' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Review and submit' })).toBeVisible();
    await capture(page, testInfo, size, '4-review');

    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your answers are submitted' })).toBeVisible();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my result file' }).click();
    await downloading;
    await expect(page.getByRole('heading', { name: 'Downloaded' })).toBeVisible();
    await capture(page, testInfo, size, '5-done');
  });
}
