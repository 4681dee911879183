/**
 * The candidates table a page at a time, in Chromium: 60 imported results, 25 rows
 * drawn, the page controls by keyboard (the table's first rows come into view after
 * a move from the controls under it), sorting across every candidate, all rows on
 * request, and the CSV with every matching row. A screenshot goes to
 * test-results/screens/.
 */
import { mkdir } from 'node:fs/promises';
import { readCsv } from '../../src/core/index.ts';
import { downloadedText } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { CODE_REVIEW_BUNDLE, CODE_REVIEW_KEY, simulatedFolder } from './support/workspace.ts';

test('pages through 60 candidates by keyboard, sorts all of them, and exports all of them', async ({
  page,
  appUrl,
}) => {
  test.setTimeout(120_000);
  const folder = await simulatedFolder(60);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${appUrl}#/workspace`);
  await page.getByLabel('Bundle or answer key files').setInputFiles([CODE_REVIEW_BUNDLE, CODE_REVIEW_KEY]);
  await expect(page.getByText('Answer key loaded')).toBeVisible();
  await page.getByLabel('Folder of result files').setInputFiles(folder);
  await expect(page.getByRole('region', { name: /^Last import: 60 files/ })).toBeVisible({ timeout: 60_000 });

  const table = page.getByRole('region', { name: 'Candidates table' }).getByRole('table');
  const rows = table.locator('tbody tr');
  const status = page.locator('.candidates [role="status"]');
  const pager = page.getByRole('navigation', { name: 'Pages of the candidates table' });
  await expect(rows).toHaveCount(25);
  await expect(table).toHaveAttribute('aria-rowcount', '61');
  await expect(status).toContainText('60 candidates · rows 1–25 on this page');
  await mkdir('test-results/screens', { recursive: true });
  await page.screenshot({ path: 'test-results/screens/1280x900-workspace-pages.png', fullPage: true });

  // From the controls under the table, by keyboard: the new page's first rows come into view.
  const next = pager.getByRole('button', { name: 'Next' });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(status).toContainText('rows 26–50 on this page');
  await expect(rows.first()).toHaveAttribute('aria-rowindex', '27');
  await expect(next).toBeFocused();
  expect(await status.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Enter');
  await expect(status).toContainText('rows 51–60 on this page');
  await expect(rows).toHaveCount(10);

  // Sorting orders every candidate and starts again at page 1: its rows are the best of all 60.
  const composite = table.getByRole('columnheader', { name: /^Composite/ });
  await composite.getByRole('button').click();
  await expect(composite).toHaveAttribute('aria-sort', 'ascending');
  await composite.getByRole('button').click();
  await expect(composite).toHaveAttribute('aria-sort', 'descending');
  await expect(status).toContainText('rows 1–25 on this page');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const { records } = readCsv(await downloadedText(download));
  expect(records).toHaveLength(61);
  const names = records.slice(1, 26).map((r) => r.fields[0]);
  expect(await table.locator('tbody th[scope="row"] a').allTextContents()).toEqual(names);

  await pager.getByLabel('Rows per page').selectOption('all');
  await expect(rows).toHaveCount(60);
  await expect(table).not.toHaveAttribute('aria-rowcount');
});
