import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import AnswerPanel from '../../../src/ui/attempt/AnswerPanel.svelte';
import { startedAttempt } from '../support.ts';

describe('AnswerPanel', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => dispose?.());

  async function setup() {
    const attempt = await startedAttempt();
    dispose = () => attempt.take.dispose();
    const task = attempt.session.bundle.tasks[0]!;
    render(AnswerPanel, { session: attempt.session, task, outputId: 'b', label: 'B' });
    return { ...attempt, user: userEvent.setup() };
  }

  it('counts critique characters live against the minimum', async () => {
    const { user, session } = await setup();
    const box = screen.getByLabelText('Your critique of response B');
    const count = () => document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(count()).toMatch(/^0 \/ 10 characters minimum$/);
    await user.type(box, 'Too short');
    expect(count()).toMatch(/^9 \/ 10 characters minimum$/);
    await user.type(box, '!');
    expect(count()).toMatch(/^10 \/ 10 characters minimum ✓$/);
    expect(session.critique('t1', 'b')).toBe('Too short!');
  });

  it('records an outside paste by its length only', async () => {
    const { user, session } = await setup();
    screen.getByLabelText('Your critique of response B').focus();
    await user.paste('pasted text of some length');
    const paste = session.events.findLast((e) => e.type === 'critique.paste');
    expect(paste?.data).toEqual({ taskId: 't1', outputId: 'b', length: 26 });
    expect(session.events.some((e) => e.type === 'critique.quote')).toBe(false);
  });

  it('records a quote of the task as a quote, with where it came from, and not as a paste', async () => {
    const { user, session } = await setup();
    const task = session.bundle.tasks[0]!;
    const quoted = task.outputs[0]!;
    const words = quoted.content.split(/\s+/).slice(0, 3).join(' ');
    screen.getByLabelText('Your critique of response B').focus();
    await user.paste(words);
    const quote = session.events.findLast((e) => e.type === 'critique.quote');
    expect(quote?.data).toEqual({
      taskId: 't1',
      outputId: 'b',
      length: words.length,
      from: 'response',
      fromOutputId: quoted.id,
    });
    expect(session.events.some((e) => e.type === 'critique.paste')).toBe(false);
  });

  it('marks categories and severity; "No problems found" clears them', async () => {
    const { user, session } = await setup();
    const severity = () => screen.getByRole('group', { name: 'How severe is the worst problem in response B?' });
    expect(severity()).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Tone' }));
    await user.click(screen.getByRole('checkbox', { name: 'Omission' }));
    expect(severity()).toBeEnabled();
    await user.click(screen.getByRole('radio', { name: 'Major' }));
    expect(session.taskAnswer('t1').outputs.b).toMatchObject({ categories: ['tone', 'omission'], severity: 'major' });
    await user.click(screen.getByRole('checkbox', { name: 'No problems found' }));
    expect(session.taskAnswer('t1').outputs.b).toMatchObject({ categories: [], severity: null, noIssues: true });
    expect(screen.getByRole('checkbox', { name: 'Tone' })).not.toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Tone' }));
    expect(session.taskAnswer('t1').outputs.b?.noIssues).toBe(false);
  });
});
