/**
 * The candidates table a page at a time: sorting, the search and the CSV still see
 * every candidate, the controls work by keyboard, and screen readers are told where
 * each row stands among all of them.
 */
import '../team/text-encoder-realm.ts';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { loadBundleText, readCsv, type Result } from '../../../src/core/index.ts';
import { WorkspaceState } from '../../../src/state/workspace.svelte.ts';
import { createMemoryWorkspaceStore } from '../../../src/storage/index.ts';
import WorkspaceHome from '../../../src/ui/workspace/WorkspaceHome.svelte';
import minimalBundle from '../../fixtures/bundles/minimal.json?raw';
import minimalKey from '../../fixtures/keys/minimal.key.json?raw';
import valid from '../../fixtures/results/valid.json?raw';
import type { Downloaded } from './support.ts';

const name = (i: number) => `Candidate ${String(i).padStart(2, '0')}`;

/** A stored workspace of `count` candidates (copies of one result under other names), opened as after a reload. */
async function workspaceOf(count: number) {
  const store = createMemoryWorkspaceStore();
  const loaded = await loadBundleText(minimalBundle);
  await store.putBundle({ hash: loaded.hash, document: loaded.document, storedAt: 0 });
  await store.putKey({ bundleSha256: loaded.hash, document: JSON.parse(minimalKey) as unknown, storedAt: 0 });
  const base = JSON.parse(valid) as Result;
  await store.addResults(
    Array.from({ length: count }, (_, i) => {
      const result: Result = {
        ...base,
        attemptId: `attempt-${String(i + 1).padStart(4, '0')}`,
        candidate: { name: name(i + 1), email: `c${i + 1}@example.org` },
      };
      return {
        fileSha256: String(i + 1).padStart(64, '0'),
        fileName: `r${i + 1}.json`,
        importedAt: i,
        text: JSON.stringify(result),
        attemptId: result.attemptId,
        bundleSha256: loaded.hash,
        report: { verdict: 'ok' as const, checks: [], encrypted: false, attemptKeyId: null, inviteJti: null },
      };
    }),
  );
  const workspace = new WorkspaceState(store, async () => ({ teamKeys: [], decryptionKeys: [] }));
  await workspace.load();
  const downloads: Downloaded[] = [];
  const view = render(WorkspaceHome, {
    workspace,
    download: (filename: string, text: string, type?: string) => downloads.push({ filename, text, type }),
  });
  return { workspace, downloads, view, user: userEvent.setup() };
}

const table = () => within(screen.getByRole('region', { name: 'Candidates table' })).getByRole('table');
const bodyRows = () => within(table()).getAllByRole('row').slice(1);
const rowNames = () => bodyRows().map((row) => within(row).getByRole('link').textContent);
const pager = () => screen.getByRole('navigation', { name: 'Pages of the candidates table' });
const status = () => screen.getByText(/candidates/, { selector: '[role="status"]' });

describe('the candidates table, a page at a time', () => {
  it('draws 25 rows of 60, tells screen readers where they stand, and moves between pages', async () => {
    const { user } = await workspaceOf(60);
    expect(bodyRows()).toHaveLength(25);
    expect(status()).toHaveTextContent('60 candidates · rows 1–25 on this page · the CSV has all 60, in this order');
    expect(table()).toHaveAttribute('aria-rowcount', '61');
    expect(within(table()).getAllByRole('row')[0]).toHaveAttribute('aria-rowindex', '1');
    expect(bodyRows()[0]).toHaveAttribute('aria-rowindex', '2');

    const previous = within(pager()).getByRole('button', { name: 'Previous' });
    const next = within(pager()).getByRole('button', { name: 'Next' });
    const page = within(pager()).getByRole('combobox', { name: 'Page' });
    expect(previous).toHaveAttribute('aria-disabled', 'true');
    expect(page).toHaveValue('0');
    expect(within(pager()).getByText('of 3')).toBeVisible();

    await user.click(next);
    expect(status()).toHaveTextContent('rows 26–50 on this page');
    expect(bodyRows()[0]).toHaveAttribute('aria-rowindex', '27');
    expect(page).toHaveValue('1');
    expect(previous).toHaveAttribute('aria-disabled', 'false');

    // By keyboard, to the last page; the Next button stays focused there and does nothing more.
    next.focus();
    await user.keyboard('{Enter}');
    expect(status()).toHaveTextContent('rows 51–60 on this page');
    expect(bodyRows()).toHaveLength(10);
    expect(next).toHaveAttribute('aria-disabled', 'true');
    await user.keyboard('{Enter}');
    expect(next).toHaveFocus();
    expect(status()).toHaveTextContent('rows 51–60 on this page');

    await user.selectOptions(page, '1');
    expect(status()).toHaveTextContent('rows 1–25 on this page');
  }, 30_000);

  it('sorts and searches every candidate, and starts again at the first page', async () => {
    const { user } = await workspaceOf(60);
    await user.click(within(pager()).getByRole('button', { name: 'Next' }));
    const nameHeader = within(table()).getByRole('columnheader', { name: /^Name/ });
    await user.click(within(nameHeader).getByRole('button'));
    expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(rowNames()[0]).toBe(name(1));
    expect(status()).toHaveTextContent('rows 1–25 on this page');
    await user.click(within(nameHeader).getByRole('button'));
    expect(rowNames().slice(0, 3)).toEqual([name(60), name(59), name(58)]);

    // A candidate from the last page is found from the first.
    await user.type(screen.getByLabelText('Search'), 'Candidate 03');
    expect(rowNames()).toEqual([name(3)]);
    expect(status()).toHaveTextContent('1 of 60 candidates match');
    expect(screen.queryByRole('navigation', { name: 'Pages of the candidates table' })).toBeNull();
    expect(table()).not.toHaveAttribute('aria-rowcount');
  }, 30_000);

  it('shows 50, 100 or all rows per page, keeping the first row shown in view', async () => {
    const { user } = await workspaceOf(60);
    await user.click(within(pager()).getByRole('button', { name: 'Next' }));
    await user.selectOptions(within(pager()).getByRole('combobox', { name: 'Rows per page' }), '50');
    expect(status()).toHaveTextContent('rows 1–50 on this page');
    await user.click(within(pager()).getByRole('button', { name: 'Next' }));
    expect(status()).toHaveTextContent('rows 51–60 on this page');
    await user.selectOptions(within(pager()).getByRole('combobox', { name: 'Rows per page' }), 'All 60');
    expect(bodyRows()).toHaveLength(60);
    expect(table()).not.toHaveAttribute('aria-rowcount');
    expect(bodyRows()[0]).not.toHaveAttribute('aria-rowindex');
    expect(status()).toHaveTextContent('60 candidates · the CSV has the rows shown, in this order');
    expect(within(pager()).queryByRole('button', { name: 'Next' })).toBeNull();
  }, 30_000);

  it('downloads every matching row as CSV, not just the page', async () => {
    const { user, downloads } = await workspaceOf(60);
    await user.click(within(pager()).getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    const { records } = readCsv(downloads[0]?.text ?? '');
    expect(records).toHaveLength(61);
    await user.type(screen.getByLabelText('Search'), 'Candidate 1');
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    // The header, and Candidates 10 to 19 from all three pages.
    expect(readCsv(downloads[1]?.text ?? '').records).toHaveLength(11);
  }, 30_000);

  it('keeps the page when the table is drawn again (back from a candidate)', async () => {
    const { user, view, workspace } = await workspaceOf(60);
    await user.click(within(pager()).getByRole('button', { name: 'Next' }));
    view.unmount();
    render(WorkspaceHome, { workspace });
    expect(status()).toHaveTextContent('rows 26–50 on this page');
    // …and still follows the workspace (it was made by the table drawn first, now gone).
    await user.type(screen.getByLabelText('Search'), 'Candidate 5');
    expect(rowNames()).toEqual([50, 51, 52, 53, 54, 55, 56, 57, 58, 59].map(name));
  }, 30_000);
});
