import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/core/index.ts';
import codeReview from '../../../exercises/code-review.json?raw';
import codeReviewKey from '../../../exercises/keys/code-review.key.json?raw';
import { fixture, resultFile, workspacePage } from './support.ts';

async function withKey() {
  const page = workspacePage();
  // The key first: the page adds bundles before keys.
  await page.user.upload(screen.getByLabelText('Bundle or answer key files'), [
    fixture('minimal.key.json'),
    fixture('minimal.json'),
  ]);
  await screen.findByText('Answer key loaded');
  return page;
}

async function importFiles(page: ReturnType<typeof workspacePage>, files: File[]) {
  await page.user.upload(screen.getByLabelText('Result files'), files);
  await waitFor(() => expect(page.workspace.importing).toBeNull());
  return screen.findByRole('region', { name: /^Last import/ });
}

const tableRegion = () => screen.getByRole('region', { name: 'Candidates table' });
const rowNames = () =>
  within(tableRegion())
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('link').textContent);

describe('the workspace page', () => {
  it('explains what to do first when empty', () => {
    workspacePage();
    expect(screen.getByRole('heading', { level: 1, name: 'Hiring workspace' })).toBeVisible();
    expect(screen.getByText(/First load the bundle you sent candidates and its answer key/)).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Candidates table' })).toBeNull();
  });

  it('shows why a setup file was refused, and a key for a missing bundle', async () => {
    const { user } = workspacePage();
    await user.upload(screen.getByLabelText('Bundle or answer key files'), [fixture('minimal.key.json')]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('“minimal.key.json” was not added');
    expect(alert).toHaveTextContent('add the bundle first');
  });

  it('imports files: rows are added, a bad file is listed with its reason, the same files again change nothing', async () => {
    const page = await withKey();
    // The tampered copy first: the row must still be scored from the intact file.
    let log = await importFiles(page, [
      fixture('tampered-answer.json'),
      fixture('truncated.json'),
      fixture('valid.json'),
    ]);
    expect(
      within(log)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['2 added (1 failed a check)', '0 duplicates', '1 failed']);
    const truncatedRow = within(log).getByRole('row', { name: /^truncated\.json/ });
    expect(truncatedRow).toHaveTextContent('not imported');
    expect(truncatedRow).toHaveTextContent('not valid JSON');
    const tamperedRow = within(log).getByRole('row', { name: /^tampered-answer\.json/ });
    expect(tamperedRow).toHaveTextContent('failed');
    expect(tamperedRow).toHaveTextContent('changed after it was exported');
    // valid.json and its tampered copy are one attempt: one row, scored from the intact file.
    expect(rowNames()).toEqual(['Ada Lovelace']);
    const ada = within(tableRegion()).getAllByRole('row')[1] as HTMLElement;
    expect(ada).not.toHaveTextContent('failed');
    expect(ada).toHaveTextContent(/\d+%/);
    expect(page.workspace.results).toHaveLength(2);

    log = await importFiles(page, [fixture('valid.json', 'valid-again.json'), fixture('tampered-answer.json')]);
    expect(within(log).getByText('Already imported: nothing changed.')).toBeVisible();
    expect(within(log).getByRole('row', { name: /^valid-again\.json/ })).toHaveTextContent(
      'already imported: nothing changed',
    );
    expect(page.workspace.results).toHaveLength(2);
    expect(rowNames()).toEqual(['Ada Lovelace']);
  }, 30_000);

  it('sorts by a column when its header button is pressed, and filters by search', async () => {
    const page = await withKey();
    await importFiles(page, [fixture('valid.json'), fixture('expired-invite.json'), fixture('forged-invite.json')]);
    const header = within(tableRegion()).getByRole('columnheader', { name: /^Name/ });
    expect(header).not.toHaveAttribute('aria-sort');
    await page.user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(rowNames()).toEqual(['Ada Lovelace', 'Grace Hopper', 'Mallory']);
    await page.user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(rowNames()).toEqual(['Mallory', 'Grace Hopper', 'Ada Lovelace']);

    const composite = within(tableRegion()).getByRole('columnheader', { name: /^Composite/ });
    await page.user.click(within(composite).getByRole('button'));
    expect(composite).toHaveAttribute('aria-sort', 'descending');
    expect(header).not.toHaveAttribute('aria-sort');

    await page.user.type(screen.getByLabelText('Search'), 'GRACE');
    expect(rowNames()).toEqual(['Grace Hopper']);
    expect(screen.getByText(/1 of 3 candidates match/)).toBeVisible();
    await page.user.clear(screen.getByLabelText('Search'));
    await page.user.selectOptions(screen.getByLabelText('Integrity'), 'fail');
    // Grace's invite had expired when she submitted.
    expect(rowNames()).toEqual(['Grace Hopper']);
  }, 30_000);

  it('downloads the table as CSV with formula cells neutralised', async () => {
    const page = await withKey();
    await importFiles(page, [
      await resultFile('=HYPERLINK("https://evil.example","click")', 'hostile.json', 1),
      await resultFile('Plain Name', 'plain.json', 2),
    ]);
    await page.user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(page.downloads).toHaveLength(1);
    const [csv] = page.downloads;
    expect(csv?.filename).toMatch(/^assay-candidates_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv?.type).toBe('text/csv');
    expect(csv?.text.split('\r\n')[0]).toBe(
      'name,email,bundle,status,integrity,not_scored_because,active_minutes,overtime_minutes,ranking_tau_b,ranking_pairwise_accuracy,error_recall,error_precision,error_f1,error_f1_content_free_baseline,false_alarms,consistency,reviewer_score_1_to_4,composite,composite_status,composite_parts,pastes,focus_losses,attempt_id',
    );
    expect(csv?.text).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    const { records } = readCsv(csv?.text ?? '');
    expect(
      records
        .slice(1)
        .map((r) => r.fields[0])
        .sort(),
    ).toEqual([`'=HYPERLINK("https://evil.example","click")`, 'Plain Name']);
    // On screen the name is text, not a formula and not markup.
    expect(screen.getByRole('link', { name: '=HYPERLINK("https://evil.example","click")' })).toBeVisible();
  }, 30_000);

  it('offers a comparison once two candidates are ticked', async () => {
    const page = await withKey();
    await importFiles(page, [fixture('valid.json'), fixture('forged-invite.json')]);
    expect(screen.queryByRole('link', { name: 'Compare on this task' })).toBeNull();
    await page.user.click(screen.getByRole('checkbox', { name: 'Compare Ada Lovelace' }));
    await page.user.click(screen.getByRole('checkbox', { name: 'Compare Mallory' }));
    await page.user.selectOptions(screen.getByLabelText('on task'), 'sum');
    const link = screen.getByRole('link', { name: 'Compare on this task' });
    const ids = page.workspace.candidates.map((c) => c.attemptId);
    expect(decodeURIComponent(link.getAttribute('href') ?? '')).toMatch(
      new RegExp(`^#/workspace/compare\\?ids=(${ids[0]},${ids[1]}|${ids[1]},${ids[0]})&task=sum$`),
    );
  }, 30_000);

  it('backs up, and restores only after confirming', async () => {
    const page = await withKey();
    await importFiles(page, [fixture('valid.json')]);
    await page.user.click(screen.getByRole('button', { name: 'Download a backup' }));
    await waitFor(() => expect(page.downloads).toHaveLength(1));
    const backup = page.downloads[0];
    expect(backup?.filename).toMatch(/^assay-workspace_\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(backup?.text ?? '{}')).toMatchObject({ format: 'assay.workspace/1' });

    await importFiles(page, [fixture('forged-invite.json')]);
    expect(page.workspace.candidates).toHaveLength(2);
    await page.user.upload(
      screen.getByLabelText('Workspace backup file'),
      new File([backup?.text ?? ''], 'backup.json', { type: 'application/json' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Replace the whole workspace?' });
    expect(dialog).toHaveTextContent('replaces everything');
    await page.user.click(within(dialog).getByRole('button', { name: 'Replace everything' }));
    await waitFor(() => expect(page.workspace.candidates).toHaveLength(1));
    expect(await screen.findByText(/Workspace restored: 1 bundles, 1 keys, 1 results/)).toBeVisible();
  }, 30_000);

  it('lists under a bundle the ways its candidates could score what they did not earn', async () => {
    const page = workspacePage();
    await page.user.upload(screen.getByLabelText('Bundle or answer key files'), [fixture('minimal.json')]);
    // Without the key: only what the bundle alone gives away.
    const summary = await screen.findByText(/^1 warning: candidates could score what they did not earn/);
    const details = summary.closest('details') as HTMLElement;
    expect(within(details).getByText('Outputs are not shuffled')).toBeInTheDocument();
    await page.user.upload(screen.getByLabelText('Bundle or answer key files'), [fixture('minimal.key.json')]);
    await screen.findByText('Answer key loaded');
    await page.user.click(await screen.findByText(/^3 warnings: /));
    const list = within(screen.getByText(/^3 warnings: /).closest('details') as HTMLElement);
    expect(list.getByText('The only sound output is always the best')).toBeVisible();
    expect(list.getByText('The best output is in the same place in most tasks')).toBeVisible();
    expect(list.getByText('$.shuffleOutputs')).toBeVisible();
  });

  it('shows no warning for a sample bundle and its key', async () => {
    const page = workspacePage();
    await page.user.upload(screen.getByLabelText('Bundle or answer key files'), [
      new File([codeReview], 'code-review.json', { type: 'application/json' }),
      new File([codeReviewKey], 'code-review.key.json', { type: 'application/json' }),
    ]);
    await screen.findByText('Answer key loaded');
    expect(screen.queryByText(/warnings?: candidates could score/)).toBeNull();
  });
});
