import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import CandidatePage from '../../../src/ui/workspace/CandidatePage.svelte';
import ReportPage from '../../../src/ui/workspace/ReportPage.svelte';
import { loadedWorkspace } from './review-support.ts';

async function adaPage() {
  const { workspace, results } = await loadedWorkspace();
  const ada = results[0];
  if (!ada) throw new Error('no result');
  render(CandidatePage, { workspace, attemptId: ada.attemptId });
  return { workspace, ada, user: userEvent.setup() };
}

const outcomes = (list: HTMLElement, text: string) =>
  within(list).queryAllByText(text, { exact: true, selector: 'span' }).length;

describe('the candidate page', () => {
  it('shows the composite with its parts and every integrity check in words', async () => {
    await adaPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
    expect(screen.getByRole('heading', { name: /^Composite score: \d+% \(provisional\)$/ })).toBeVisible();
    for (const part of ['Ranking agreement', 'Error identification', 'Consistency', 'Critique quality'])
      expect(screen.getByRole('rowheader', { name: part })).toBeVisible();
    const integrity = screen.getByRole('region', { name: /^Integrity/ });
    expect(within(integrity).getByText('Signature').closest('li')).toHaveTextContent(/passed\s*Signature/);
    expect(within(integrity).getAllByText('not applicable').length).toBeGreaterThan(0);
  });

  it('marks each known issue found or missed and each extra category a false alarm, as text', async () => {
    await adaPage();
    const capital = screen.getByRole('region', { name: /^Task 1: Capital of Australia/ });
    // Ada (seed 2) marked "Factual error" on Sydney (found), missed the other two issues, and marked two
    // categories the key does not list.
    const lists = screen.getAllByRole('list', { name: /against the answer key$/ });
    expect(lists).toHaveLength(5);
    const total = (text: string) => lists.reduce((n, list) => n + outcomes(list, text), 0);
    expect(total('found')).toBe(1);
    expect(total('missed')).toBe(2);
    expect(total('false alarm')).toBe(2);
    const found = lists.find((list) => outcomes(list, 'found') === 1);
    expect(found).toHaveTextContent(/found\s*Factual error, Critical in the key/);
    // The key's description and quote are beside the outcome.
    expect(within(capital).getByText(/Sydney is Australia's largest city, not its capital/)).toBeInTheDocument();
    // (The quote, not the response itself: that may be drawn too, in its collapsed "Show the response".)
    expect(
      within(capital).getByText('The capital of Australia is Sydney, its largest city.', { selector: 'blockquote' }),
    ).toBeInTheDocument();
    // Candidate's critique beside the reference one.
    expect(within(capital).getAllByRole('region', { name: /^Candidate's critique of Response/ })).toHaveLength(3);
    expect(within(capital).getAllByRole('region', { name: /^Reference critique of Response/ })).toHaveLength(3);
  });

  it('puts the candidate ranking beside the gold tiers', async () => {
    await adaPage();
    const capital = screen.getByRole('region', { name: /^Task 1: Capital of Australia/ });
    const gold = within(capital).getByRole('list', { name: 'Gold ranking (answer key)' });
    expect(within(gold).getAllByRole('listitem')).toHaveLength(3);
    const mine = within(capital).getByRole('list', { name: "Candidate's ranking" });
    expect(within(mine).getAllByRole('listitem')).toHaveLength(3);
    expect(mine).toHaveTextContent(/agrees with gold|gold: tier/);
  });

  it('flags pastes and focus losses "review suggested" in the timeline, never as cheating', async () => {
    const { ada } = await adaPage();
    const timeline = screen.getByRole('region', { name: 'Event timeline' });
    const items = within(timeline).getAllByRole('listitem');
    expect(items).toHaveLength(ada.events.length);
    const paste = items.find((li) => /^Pasted \d+ characters/.test(li.querySelector('.text')?.textContent ?? ''));
    expect(paste).toHaveTextContent('review suggested');
    const lost = items.find((li) => li.textContent?.includes('lost focus'));
    expect(lost).toHaveTextContent('review suggested');
    expect(items[0]).toHaveTextContent(/^\+0:00\s*Started the exercise/);
    expect(document.body.textContent).not.toMatch(/cheat|suspicious/i);
  });

  it('filters the timeline to the events that suggest a review', async () => {
    const { ada, user } = await adaPage();
    const timeline = screen.getByRole('region', { name: 'Event timeline' });
    await user.click(within(timeline).getByLabelText('Show only events where a review is suggested'));
    const flagged = ada.events.filter((e) => e.type === 'critique.paste' || e.type === 'focus.lost').length;
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(flagged);
  });

  it('links to the print report and offers to compare with another candidate of the bundle', async () => {
    const { ada } = await adaPage();
    expect(screen.getByRole('link', { name: 'Print report' })).toHaveAttribute(
      'href',
      `#/workspace/report/${encodeURIComponent(ada.attemptId)}`,
    );
    const select = screen.getByLabelText('Compare with…');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['choose a candidate', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson']);
  });

  it('says so when the attempt is not in the workspace', async () => {
    const { workspace } = await loadedWorkspace();
    render(CandidatePage, { workspace, attemptId: 'no-such-attempt' });
    expect(screen.getByRole('alert')).toHaveTextContent('No result with attempt id no-such-attempt');
  });
});

describe('the report page', () => {
  it('shows every task open, with a Print button', async () => {
    const { workspace, results } = await loadedWorkspace();
    render(ReportPage, { workspace, attemptId: results[0]?.attemptId ?? '' });
    expect(screen.getByRole('button', { name: 'Print' })).toBeVisible();
    expect(screen.getByRole('heading', { level: 3, name: 'Task 1: Capital of Australia' })).toBeVisible();
    expect(screen.getByRole('heading', { level: 3, name: 'Task 2: Sum of the first hundred numbers' })).toBeVisible();
    expect(document.querySelector('details')).toBeNull();
  });
});
