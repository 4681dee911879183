/**
 * The hiring team's workspace end to end: load a bundle and its answer key, import
 * a folder of result files (intact, tampered, a duplicate, a truncated one), read
 * the verdicts, sort the table, download the CSV, and find it all after a reload.
 */
import { readCsv } from '../../src/core/index.ts';
import { downloadedText } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { fixtureFolder, MINIMAL_BUNDLE, MINIMAL_KEY } from './support/workspace.ts';

test('imports a folder of results, shows the verdicts and scores, sorts, exports CSV, and keeps it all', async ({
  page,
  appUrl,
}) => {
  const folder = await fixtureFolder({
    'valid.json': 'valid.json',
    // The same bytes under another name: sorted after valid.json, so it is the duplicate.
    'valid.sent-twice.json': 'valid.json',
    'tampered-answer.json': 'tampered-answer.json',
    'tampered-ranking.json': 'tampered-ranking.json',
    'tampered-timestamp.json': 'tampered-timestamp.json',
    'truncated.json': 'truncated.json',
    'expired-invite.json': 'expired-invite.json',
    'forged-invite.json': 'forged-invite.json',
    'same-invite-second-attempt.json': 'same-invite-second-attempt.json',
  });

  await page.goto(`${appUrl}#/workspace`);
  await expect(page.getByRole('heading', { level: 1, name: 'Hiring workspace' })).toBeVisible();
  await expect(page.getByText(/First load the bundle you sent candidates and its answer key/)).toBeVisible();

  // The key first on purpose: the page adds bundles before keys.
  await page.getByLabel('Bundle or answer key files').setInputFiles([MINIMAL_KEY, MINIMAL_BUNDLE]);
  const setup = page.getByRole('region', { name: 'Bundles and answer keys' });
  await expect(setup.getByText('Fixture: two short tasks', { exact: true })).toBeVisible();
  await expect(setup.getByRole('status')).toContainText('Answer key for “Fixture: two short tasks” added.');
  await expect(setup.getByText('Answer key loaded')).toBeVisible();
  await expect(setup.getByText('1e7472217464…')).toBeVisible();

  await page.getByLabel('Folder of result files').setInputFiles(folder);
  const log = page.getByRole('region', { name: /^Last import: 9 files/ });
  await expect(log).toBeVisible({ timeout: 20_000 });
  const logRow = (file: string) => log.getByRole('row', { name: new RegExp(`^${file.replace(/\./g, '\\.')} `) });
  await expect(logRow('valid.json')).toContainText(/added\s*[✓!]\s*(ok|warnings)/);
  for (const tampered of ['tampered-answer.json', 'tampered-ranking.json', 'tampered-timestamp.json']) {
    await expect(logRow(tampered)).toContainText('failed');
    await expect(logRow(tampered)).toContainText('changed after it was exported');
  }
  await expect(logRow('valid.sent-twice.json')).toContainText('already imported');
  await expect(logRow('truncated.json')).toContainText('not imported');
  await expect(logRow('truncated.json')).toContainText('not valid JSON');
  await expect(log.getByRole('listitem')).toHaveText(['7 added (4 failed a check)', '1 duplicate', '1 failed']);

  // Four attempts: Ada's (valid, and three tampered copies of it), Ada's second, Grace's and Mallory's.
  const table = page.getByRole('region', { name: 'Candidates table' }).getByRole('table');
  const names = () => table.locator('tbody th[scope="row"] a').allTextContents();
  await expect(table.locator('tbody tr')).toHaveCount(4);
  // The intact copy is scored, not a tampered one imported earlier.
  const ada = table.getByRole('row', { name: /Ada Lovelace/ }).first();
  await expect(ada).not.toContainText('failed');
  // A result whose checks failed (submitted after its invite expired) is listed, with the
  // reason, but takes no score and no rank: it sorts last.
  const grace = table.getByRole('row', { name: /Grace Hopper/ });
  await expect(grace).toContainText('failed');
  const composite = table.getByRole('columnheader', { name: /^Composite/ });
  const compositeColumn = (await table.locator('thead th').allTextContents()).findIndex((h) =>
    h.startsWith('Composite'),
  );
  await expect(composite).toBeVisible();
  await expect(grace.locator('> *').nth(compositeColumn)).toHaveText(
    /^not scored: integrity check failed: Submitted .* after the invite expired/,
  );
  await expect(table.locator('tbody tr').filter({ hasText: '%' })).toHaveCount(3);

  const nameHeader = table.getByRole('columnheader', { name: /^Name/ });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  expect(await names()).toEqual(['Ada Lovelace', 'Ada Lovelace', 'Grace Hopper', 'Mallory']);
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await names()).toEqual(['Mallory', 'Grace Hopper', 'Ada Lovelace', 'Ada Lovelace']);
  await composite.getByRole('button').click();
  await expect(composite).toHaveAttribute('aria-sort', 'descending');
  await expect(nameHeader).not.toHaveAttribute('aria-sort');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^assay-candidates_\d{4}-\d{2}-\d{2}\.csv$/);
  const { records } = readCsv(await downloadedText(download));
  expect(records[0]?.fields.slice(0, 5)).toEqual(['name', 'email', 'bundle', 'status', 'integrity']);
  const rows = records.slice(1).map((r) => r.fields);
  expect(rows).toHaveLength(4);
  expect(rows.map((r) => r[0]).sort()).toEqual(['Ada Lovelace', 'Ada Lovelace', 'Grace Hopper', 'Mallory']);
  expect(rows.every((r) => r[2] === 'fixture-minimal v1.0.0')).toBe(true);
  // Composite, in the order shown (highest first), every one measured but the failed result's.
  const compositeField = records[0]?.fields.indexOf('composite') ?? -1;
  const reason = records[0]?.fields.indexOf('not_scored_because') ?? -1;
  const failed = rows.filter((r) => r[reason] !== '');
  expect(failed.map((r) => [r[0], r[compositeField]])).toEqual([['Grace Hopper', '']]);
  expect(rows.at(-1)?.[0]).toBe('Grace Hopper');
  expect(failed[0]?.[reason]).toMatch(/^integrity check failed: /);
  const scores = rows.filter((r) => r[reason] === '').map((r) => Number(r[compositeField]));
  expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));

  // Importing the same folder again changes nothing.
  await page.getByLabel('Folder of result files').setInputFiles(folder);
  await expect(page.getByText('Already imported: nothing changed.')).toBeVisible();
  await expect(page.getByRole('region', { name: /^Last import/ }).getByRole('listitem')).toHaveText([
    '0 added',
    '8 duplicates',
    '1 failed',
  ]);
  await expect(table.locator('tbody tr')).toHaveCount(4);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Hiring workspace' })).toBeVisible();
  await expect(setup.getByText('Answer key loaded')).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table.getByRole('link', { name: 'Grace Hopper' })).toHaveAttribute(
    'href',
    /#\/workspace\/candidate\/sim-/,
  );
});
