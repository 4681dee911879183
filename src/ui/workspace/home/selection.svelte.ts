/**
 * Candidates ticked in the table for a side-by-side comparison (2 to 4). Kept per
 * workspace for the life of the tab, so going to the comparison and back keeps it.
 */
export const MIN_COMPARE = 2;
export const MAX_COMPARE = 4;

export class CandidateSelection {
  ids = $state.raw<readonly string[]>([]);

  has(attemptId: string): boolean {
    return this.ids.includes(attemptId);
  }

  get full(): boolean {
    return this.ids.length >= MAX_COMPARE;
  }

  set(attemptId: string, on: boolean): void {
    if (on && !this.has(attemptId) && !this.full) this.ids = [...this.ids, attemptId];
    else if (!on) this.ids = this.ids.filter((id) => id !== attemptId);
  }

  clear(): void {
    this.ids = [];
  }
}

const selections = new WeakMap<object, CandidateSelection>();

export function selectionFor(workspace: object): CandidateSelection {
  let selection = selections.get(workspace);
  if (!selection) {
    selection = new CandidateSelection();
    selections.set(workspace, selection);
  }
  return selection;
}
