/**
 * The candidates table a page at a time. Drawing a thousand rows makes every sort
 * and search take the best part of a second, so the table draws one page and the
 * controls under it move between pages. Sorting, the search and the filters still
 * apply to every candidate (the table goes back to the first page when they change:
 * its callers say so with `first()`); the CSV has every matching row. Kept per
 * workspace for the life of the tab, so coming back from a candidate lands on the
 * same page.
 */
import type { Candidate, WorkspaceState } from '../../../state/workspace.svelte.ts';

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number] | 'all';
export const DEFAULT_PAGE_SIZE: PageSize = 25;

export class CandidatePages {
  size = $state<PageSize>(DEFAULT_PAGE_SIZE);

  #workspace: WorkspaceState;
  // The page asked for; fewer matching rows can make it the last one.
  #page = $state(0);

  // Getters rather than $derived: an instance outlives the component that first drew
  // it, and a derived made inside a component goes stale once that component is gone.

  /** Rows that match the search and filters, on every page. */
  get total(): number {
    return this.#workspace.visibleRows.length;
  }

  get count(): number {
    return this.size === 'all' ? 1 : Math.max(1, Math.ceil(this.total / this.size));
  }

  /** The page shown, from 0. */
  get index(): number {
    return Math.min(this.#page, this.count - 1);
  }

  /** Position of the page's first row among all the matching rows, from 0. */
  get start(): number {
    return this.size === 'all' ? 0 : this.index * this.size;
  }

  get rows(): readonly Candidate[] {
    const all = this.#workspace.visibleRows;
    return this.size === 'all' ? all : all.slice(this.start, this.start + this.size);
  }

  constructor(workspace: WorkspaceState) {
    this.#workspace = workspace;
  }

  go(page: number): void {
    this.#page = Math.max(0, Math.min(page, this.count - 1));
  }

  /** Back to the first page: after a new order, search or filter. */
  first(): void {
    this.#page = 0;
  }

  /** Changes the page size, staying on the page that holds the row shown first. */
  setSize(size: PageSize): void {
    const first = this.start;
    this.size = size;
    this.#page = size === 'all' ? 0 : Math.floor(first / size);
  }
}

const pages = new WeakMap<WorkspaceState, CandidatePages>();

export function pagesFor(workspace: WorkspaceState): CandidatePages {
  let found = pages.get(workspace);
  if (!found) {
    found = new CandidatePages(workspace);
    pages.set(workspace, found);
  }
  return found;
}
