import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import ReviewView from '../../../src/ui/attempt/ReviewView.svelte';
import { startedAttempt } from '../support.ts';

describe('ReviewView', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => dispose?.());

  it('lists what is missing per task before submitting', async () => {
    const attempt = await startedAttempt();
    dispose = () => attempt.take.dispose();
    const { session } = attempt;
    session.setCritique('t1', 'a', 'A precise enough critique.');
    session.toggleCategory('t1', 'a', 'tone');
    render(ReviewView, { take: attempt.take, session });
    expect(screen.getByText(/items? still to do/)).toHaveTextContent(`${session.missingCount} items still to do`);
    const first = screen.getByRole('heading', { name: /Task 1: First task/ }).closest('li') as HTMLElement;
    const items = within(first)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(items).toEqual([
      'Rank the responses from best to worst',
      'Response A: choose a severity',
      'Response B: write a critique (at least 10 characters)',
      'Response B: mark the error categories, or "No problems found"',
      'Response C: write a critique (at least 10 characters)',
      'Response C: mark the error categories, or "No problems found"',
    ]);
  });

  it('says when everything is complete and submits after confirmation', async () => {
    const attempt = await startedAttempt();
    dispose = () => attempt.take.dispose();
    const { session } = attempt;
    for (const task of session.bundle.tasks) {
      session.confirmRanking(task.id);
      for (const output of task.outputs) {
        session.setCritique(task.id, output.id, 'A critique that is long enough to count. '.repeat(3));
        session.setNoIssues(task.id, output.id, true);
      }
    }
    render(ReviewView, { take: attempt.take, session });
    expect(screen.getByText(/Every task is complete/)).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Submit my answers' }));
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(session.status).toBe('submitted');
    expect(session.events.at(-1)?.type).toBe('attempt.submit');
  });
});
