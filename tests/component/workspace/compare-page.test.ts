import { cleanup, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ComparePage from '../../../src/ui/workspace/ComparePage.svelte';
import { loadedWorkspace } from './review-support.ts';

describe('the compare page', () => {
  it('lines the candidates up by output on one task', async () => {
    const { workspace, results } = await loadedWorkspace();
    const ids = results.slice(0, 3).map((r) => r.attemptId);
    render(ComparePage, { workspace, ids, task: 'capital' });
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.querySelector('a')?.textContent),
    ).toEqual(['Ada Lovelace', 'Grace Hopper', 'Alan Turing']);
    // One row group per output, in the bundle's order, each with a cell per candidate.
    const groups = table.querySelectorAll('tbody');
    expect(groups).toHaveLength(4);
    expect(groups[1]).toHaveTextContent(/^Response A \(right\)/);
    expect(groups[2]).toHaveTextContent(/^Response B \(wrong\)\s*Known issues: Factual error \(Critical\)/);
    for (const group of [...groups].slice(1)) expect(group.querySelectorAll('td')).toHaveLength(3);
    // Ada found the Sydney error; the outcome is in words.
    const adaWrong = groups[2]?.querySelectorAll('td')[0] as HTMLElement;
    expect(adaWrong).toHaveTextContent(/found\s*Factual error/);
    expect(screen.getByLabelText('Task')).toHaveValue('capital');
    expect(screen.getByLabelText('Add a candidate')).not.toBeDisabled();
  });

  it('offers a task and candidates when nothing is chosen, and caps the columns at four', async () => {
    const { workspace, results } = await loadedWorkspace();
    render(ComparePage, { workspace, ids: [], task: null });
    expect(screen.getByText(/Choose candidates above/)).toBeVisible();
    cleanup();
    render(ComparePage, { workspace, ids: results.map((r) => r.attemptId), task: null });
    expect(screen.getAllByRole('columnheader')).toHaveLength(4);
    expect(screen.getByLabelText('Add a candidate')).toBeDisabled();
    expect(screen.getByLabelText('Task')).toHaveValue('capital');
  });
});
