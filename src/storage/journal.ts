/**
 * A last-chance journal in localStorage. When the page is hidden or closed, the
 * autosave's pending changes are written here synchronously: an IndexedDB
 * transaction begun in `pagehide` may not commit before the process goes away,
 * a localStorage write does. The next load merges the journal by revision (so it
 * can never overwrite newer saved text) and then clears it.
 */
import { EventSchema, type AttemptEvent } from '../core/index.ts';
import type { SaveBatch } from './attempt-repository.ts';

const key = (dbName: string, attemptId: string) => `assay:journal:${dbName}:${attemptId}`;

export function writeJournal(dbName: string, attemptId: string, batch: SaveBatch): boolean {
  try {
    if (batch.patches.length === 0 && batch.events.length === 0 && !batch.submit) return true;
    // Merge with what an earlier hide left, so nothing is dropped if two hides come before a load.
    const previous = readJournal(dbName, attemptId);
    const merged: SaveBatch = previous
      ? {
          patches: [...previous.patches, ...batch.patches],
          events: [...previous.events, ...batch.events],
          ...((batch.submit ?? previous.submit) ? { submit: batch.submit ?? previous.submit } : {}),
        }
      : batch;
    localStorage.setItem(key(dbName, attemptId), JSON.stringify(merged));
    return true;
  } catch {
    return false;
  }
}

/** The journal left by an earlier page, or null. Malformed entries are dropped. */
export function readJournal(dbName: string, attemptId: string): SaveBatch | null {
  try {
    const raw = localStorage.getItem(key(dbName, attemptId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<SaveBatch>;
    const patches = Array.isArray(value.patches)
      ? value.patches.filter(
          (p) => p && typeof p.key === 'string' && typeof p.rev === 'number' && Number.isFinite(p.rev),
        )
      : [];
    const events = Array.isArray(value.events)
      ? value.events.flatMap((e): AttemptEvent[] => {
          const parsed = EventSchema.safeParse(e);
          return parsed.success ? [parsed.data] : [];
        })
      : [];
    return { patches, events, ...(value.submit ? { submit: value.submit } : {}) };
  } catch {
    return null;
  }
}

export function clearJournal(dbName: string, attemptId: string): void {
  try {
    localStorage.removeItem(key(dbName, attemptId));
  } catch {
    // Nothing to clear when localStorage is unavailable.
  }
}
