/**
 * An attempt's answers are stored as a flat map of fields, each with a revision.
 * Saving merges field by field and keeps the higher revision, so two tabs (or a
 * late write from a closing tab) can never overwrite newer text with older text,
 * and an empty state that has not loaded yet can never overwrite saved work.
 */
export interface FieldValue {
  value: unknown;
  /** Hybrid logical clock: wall milliseconds, bumped to stay strictly increasing. */
  rev: number;
}

export type Fields = Record<string, FieldValue>;

export interface FieldPatch extends FieldValue {
  key: string;
}

export const fieldKey = {
  ranking: (taskId: string) => `task/${taskId}/ranking`,
  activeMs: (taskId: string) => `task/${taskId}/activeMs`,
  critique: (taskId: string, outputId: string) => `task/${taskId}/output/${outputId}/critique`,
  categories: (taskId: string, outputId: string) => `task/${taskId}/output/${outputId}/categories`,
  severity: (taskId: string, outputId: string) => `task/${taskId}/output/${outputId}/severity`,
  noIssues: (taskId: string, outputId: string) => `task/${taskId}/output/${outputId}/noIssues`,
  /** Where the candidate is: a task index, or -1 for the review page. */
  currentTask: () => 'nav/currentTask',
} as const;

/**
 * Applies patches to stored fields, keeping for each key whichever revision is
 * higher (the stored one on a tie). Returns a new object and whether it changed.
 */
export function mergeFields(
  stored: Readonly<Fields>,
  patches: readonly FieldPatch[],
): { fields: Fields; changed: boolean } {
  const fields: Fields = { ...stored };
  let changed = false;
  for (const { key, value, rev } of patches) {
    const current = fields[key];
    if (current && current.rev >= rev) continue;
    fields[key] = { value, rev };
    changed = true;
  }
  return { fields, changed };
}

/** The highest revision in a set of fields (0 when empty). */
export function maxRev(fields: Readonly<Fields>): number {
  let max = 0;
  for (const field of Object.values(fields)) if (field.rev > max) max = field.rev;
  return max;
}

/**
 * A clock whose readings only go up, even if the wall clock steps back or two
 * edits land in the same millisecond (a hybrid logical clock, without the counter).
 */
export class RevisionClock {
  #last: number;
  #now: () => number;

  constructor(floor = 0, now: () => number = Date.now) {
    this.#last = floor;
    this.#now = now;
  }

  next(): number {
    this.#last = Math.max(this.#now(), this.#last + 1);
    return this.#last;
  }

  /** Never issue a revision at or below `rev` (seen from storage or another tab). */
  observe(rev: number): void {
    if (rev > this.#last) this.#last = rev;
  }
}
