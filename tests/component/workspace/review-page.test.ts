import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REVIEWER_STORAGE_KEY } from '../../../src/state/review.svelte.ts';
import ReviewPage from '../../../src/ui/workspace/ReviewPage.svelte';
import { loadedWorkspace, PEOPLE } from './review-support.ts';

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

async function reviewPage() {
  const { workspace } = await loadedWorkspace();
  render(ReviewPage, { workspace });
  return { workspace, user: userEvent.setup() };
}

const group = (name: string) => screen.getByRole('group', { name: new RegExp(`^${name}`) });

describe('the review page', () => {
  it('asks for the reviewer’s name first and remembers it', async () => {
    const { user } = await reviewPage();
    await user.type(screen.getByLabelText('Your name'), 'Ann Example');
    await user.click(screen.getByRole('button', { name: 'Start reviewing' }));
    expect(await screen.findByText('Ann Example')).toBeVisible();
    expect(JSON.parse(localStorage.getItem(REVIEWER_STORAGE_KEY) ?? '{}')).toMatchObject({ name: 'Ann Example' });
    expect(screen.getByText('0 of 20 graded')).toBeVisible();
  });

  it('grades with the keyboard, shows no names in blind mode, and leaves the note field alone', async () => {
    localStorage.setItem(REVIEWER_STORAGE_KEY, JSON.stringify({ id: 'reviewer-aaaa-0001', name: 'Ann' }));
    const { user } = await reviewPage();
    const heading = screen.getByRole('heading', { level: 2, name: /^Critique 1 of 20/ });
    expect(heading).toHaveTextContent(/Candidate \d · Task 1: Capital of Australia · Response [A-C]/);
    for (const name of PEOPLE) expect(screen.queryByText(new RegExp(name))).toBeNull();
    expect(screen.getByText(/grade the highlighted criterion and move to the next/)).toBeVisible();

    await user.keyboard('3');
    expect(within(group('Specific')).getByRole('radio', { name: /^3/ })).toBeChecked();
    await user.keyboard('2');
    expect(within(group('Correct')).getByRole('radio', { name: /^2/ })).toBeChecked();
    // Typing in the note never grades.
    const note = screen.getByRole('textbox', { name: /^Note/ });
    await user.type(note, '4 is too generous');
    expect(within(group('Actionable')).getByRole('radio', { name: /^4/ })).not.toBeChecked();
    expect(note).toHaveValue('4 is too generous');
    note.blur();
    await user.keyboard('4');
    expect(within(group('Actionable')).getByRole('radio', { name: /^4/ })).toBeChecked();
    expect(screen.getByText('1 of 20 graded')).toBeVisible();
    await user.keyboard('k');
    expect(screen.getByRole('heading', { level: 2, name: /^Critique 2 of 20/ })).toBeVisible();
    expect(within(group('Specific')).getByRole('radio', { name: /^3/ })).not.toBeChecked();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('heading', { level: 2, name: /^Critique 1 of 20/ })).toBeVisible();
    expect(screen.getByRole('textbox', { name: /^Note/ })).toHaveValue('4 is too generous');
    await waitFor(() => expect(screen.getByText('All grades saved')).toBeVisible(), { timeout: 2000 });
  });

  it('says there is not enough overlap until another reviewer’s grades are imported', async () => {
    localStorage.setItem(REVIEWER_STORAGE_KEY, JSON.stringify({ id: 'reviewer-aaaa-0001', name: 'Ann' }));
    await reviewPage();
    const agreement = screen.getByRole('region', { name: 'Agreement between reviewers' });
    expect(agreement).toHaveTextContent('1 = perfect agreement, 0 = no better than chance');
    expect(within(agreement).getAllByText('not enough overlap')).toHaveLength(4);
    expect(within(agreement).getByText('Import another reviewer’s file to compare grades.')).toBeVisible();
  });
});
