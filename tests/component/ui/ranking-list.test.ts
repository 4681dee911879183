import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import RankingList from '../../../src/ui/attempt/RankingList.svelte';
import { startedAttempt } from '../support.ts';

function order(): string[] {
  return screen
    .getAllByRole('button', { name: /^Response [A-Z], rank/ })
    .map((b) => b.getAttribute('aria-label') ?? '');
}

describe('RankingList', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => dispose?.());

  async function setup() {
    const attempt = await startedAttempt();
    dispose = () => attempt.take.dispose();
    const task = attempt.session.bundle.tasks[0]!;
    render(RankingList, { session: attempt.session, task });
    return { ...attempt, user: userEvent.setup() };
  }

  it('starts unranked in the shown order and says so', async () => {
    await setup();
    expect(order()).toEqual(['Response A, rank 1 of 3', 'Response B, rank 2 of 3', 'Response C, rank 3 of 3']);
    expect(screen.getByText(/Not ranked yet/)).toBeInTheDocument();
  });

  it('moves a response with Alt+Arrow keys, keeps focus on it and announces the move', async () => {
    const { user, session, announcer } = await setup();
    screen.getByRole('button', { name: 'Response A, rank 1 of 3' }).focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(order()).toEqual(['Response B, rank 1 of 3', 'Response A, rank 2 of 3', 'Response C, rank 3 of 3']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Response A, rank 2 of 3');
    expect(announcer.message).toMatch(/Response A moved to position 2 of 3/);
    expect(session.taskAnswer('t1').ranking).toEqual(['b', 'a', 'c']);
    expect(screen.getByText(/Ranked\. You can still change/)).toBeInTheDocument();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(session.taskAnswer('t1').ranking).toEqual(['b', 'c', 'a']);
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(session.taskAnswer('t1').ranking).toEqual(['b', 'a', 'c']);
  });

  it('puts a response at the rank typed as a number, and arrows move focus without reordering', async () => {
    const { user, session } = await setup();
    screen.getByRole('button', { name: 'Response C, rank 3 of 3' }).focus();
    await user.keyboard('1');
    expect(session.taskAnswer('t1').ranking).toEqual(['c', 'a', 'b']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Response C, rank 1 of 3');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Response A, rank 2 of 3');
    expect(session.taskAnswer('t1').ranking).toEqual(['c', 'a', 'b']);
    await user.keyboard('9'); // beyond the list: ignored
    expect(session.taskAnswer('t1').ranking).toEqual(['c', 'a', 'b']);
  });

  it('offers move buttons and a rank select, and "Keep this order" when the order is already right', async () => {
    const { user, session } = await setup();
    await user.click(screen.getByRole('button', { name: 'Keep this order' }));
    expect(session.taskAnswer('t1').ranking).toEqual(['a', 'b', 'c']);
    await user.click(screen.getByRole('button', { name: 'Move response C up' }));
    expect(session.taskAnswer('t1').ranking).toEqual(['a', 'c', 'b']);
    await user.selectOptions(screen.getByLabelText('Rank of response A'), '3');
    expect(session.taskAnswer('t1').ranking).toEqual(['c', 'b', 'a']);
    expect(screen.getByRole('button', { name: 'Move response C up' })).toBeDisabled();
  });

  it('does nothing once the attempt is submitted', async () => {
    const { user, session } = await setup();
    session.submit();
    screen.getByRole('button', { name: 'Response A, rank 1 of 3' }).focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(session.taskAnswer('t1').ranking).toBeNull();
  });
});
