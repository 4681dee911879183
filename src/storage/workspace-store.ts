/**
 * The workspace's storage, as the workspace state sees it: small repository
 * functions over the `assay-workspace` database, or the same in memory when the
 * browser refuses IndexedDB.
 */
import { toStorageError, type StorageError } from './storage-error.ts';
import {
  DEFAULT_WORKSPACE_DB,
  WorkspaceDb,
  type StoredAnswerKey,
  type StoredResult,
  type StoredReviews,
  type StoredWorkspaceBundle,
} from './workspace-db.ts';

export interface WorkspaceSnapshot {
  bundles: StoredWorkspaceBundle[];
  keys: StoredAnswerKey[];
  results: StoredResult[];
  reviews: StoredReviews[];
}

export interface WorkspaceStore {
  readonly persistent: boolean;
  load(): Promise<WorkspaceSnapshot>;
  putBundle(row: StoredWorkspaceBundle): Promise<void>;
  putKey(row: StoredAnswerKey): Promise<void>;
  /** Adds results not already stored (by file hash); returns how many were new. */
  addResults(rows: StoredResult[]): Promise<number>;
  hasResult(fileSha256: string): Promise<boolean>;
  updateReports(rows: Pick<StoredResult, 'fileSha256' | 'report'>[]): Promise<void>;
  deleteResult(fileSha256: string): Promise<void>;
  putReviews(row: StoredReviews): Promise<void>;
  deleteReviews(reviewerId: string): Promise<void>;
  /** Replaces everything (restore from a backup). */
  replaceAll(snapshot: WorkspaceSnapshot): Promise<void>;
}

export interface OpenedWorkspaceStore {
  store: WorkspaceStore;
  problem: StorageError | null;
}

export async function openWorkspaceStore(dbName = DEFAULT_WORKSPACE_DB): Promise<OpenedWorkspaceStore> {
  const db = new WorkspaceDb(dbName);
  try {
    if (typeof indexedDB === 'undefined')
      throw Object.assign(new Error('IndexedDB is missing'), { name: 'MissingAPIError' });
    await db.open();
  } catch (error) {
    return { store: createMemoryWorkspaceStore(), problem: toStorageError(error) };
  }
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toStorageError(error);
    }
  };
  return {
    problem: null,
    store: {
      persistent: true,
      load: () =>
        guard(async () => ({
          bundles: await db.bundles.toArray(),
          keys: await db.keys.toArray(),
          results: await db.results.orderBy('importedAt').toArray(),
          reviews: await db.reviews.toArray(),
        })),
      putBundle: (row) => guard(async () => void (await db.bundles.put(row))),
      putKey: (row) => guard(async () => void (await db.keys.put(row))),
      addResults: (rows) =>
        guard(() =>
          db.transaction('rw', db.results, async () => {
            const existing = new Set(
              (await db.results.bulkGet(rows.map((r) => r.fileSha256))).filter(Boolean).map((r) => r?.fileSha256),
            );
            const fresh = rows.filter(
              (r, i) => !existing.has(r.fileSha256) && rows.findIndex((x) => x.fileSha256 === r.fileSha256) === i,
            );
            if (fresh.length > 0) await db.results.bulkAdd(fresh);
            return fresh.length;
          }),
        ),
      hasResult: (sha) => guard(async () => (await db.results.get(sha)) !== undefined),
      updateReports: (rows) =>
        guard(() =>
          db.transaction('rw', db.results, async () => {
            for (const row of rows) await db.results.update(row.fileSha256, { report: row.report });
          }),
        ),
      deleteResult: (sha) => guard(() => db.results.delete(sha)),
      putReviews: (row) => guard(async () => void (await db.reviews.put(row))),
      deleteReviews: (id) => guard(() => db.reviews.delete(id)),
      replaceAll: (snapshot) =>
        guard(() =>
          db.transaction('rw', [db.bundles, db.keys, db.results, db.reviews], async () => {
            await Promise.all([db.bundles.clear(), db.keys.clear(), db.results.clear(), db.reviews.clear()]);
            await db.bundles.bulkPut(snapshot.bundles);
            await db.keys.bulkPut(snapshot.keys);
            await db.results.bulkPut(snapshot.results);
            await db.reviews.bulkPut(snapshot.reviews);
          }),
        ),
    },
  };
}

/** The workspace in this tab's memory only: what remains when IndexedDB is refused. */
export function createMemoryWorkspaceStore(): WorkspaceStore {
  const bundles = new Map<string, StoredWorkspaceBundle>();
  const keys = new Map<string, StoredAnswerKey>();
  const results = new Map<string, StoredResult>();
  const reviews = new Map<string, StoredReviews>();
  return {
    persistent: false,
    load: async () => ({
      bundles: [...bundles.values()],
      keys: [...keys.values()],
      results: [...results.values()].sort((a, b) => a.importedAt - b.importedAt),
      reviews: [...reviews.values()],
    }),
    putBundle: async (row) => void bundles.set(row.hash, row),
    putKey: async (row) => void keys.set(row.bundleSha256, row),
    addResults: async (rows) => {
      let added = 0;
      for (const row of rows)
        if (!results.has(row.fileSha256)) {
          results.set(row.fileSha256, row);
          added++;
        }
      return added;
    },
    hasResult: async (sha) => results.has(sha),
    updateReports: async (rows) => {
      for (const row of rows) {
        const current = results.get(row.fileSha256);
        if (current) results.set(row.fileSha256, { ...current, report: row.report });
      }
    },
    deleteResult: async (sha) => void results.delete(sha),
    putReviews: async (row) => void reviews.set(row.reviewerId, row),
    deleteReviews: async (id) => void reviews.delete(id),
    replaceAll: async (snapshot) => {
      bundles.clear();
      keys.clear();
      results.clear();
      reviews.clear();
      snapshot.bundles.forEach((r) => bundles.set(r.hash, r));
      snapshot.keys.forEach((r) => keys.set(r.bundleSha256, r));
      snapshot.results.forEach((r) => results.set(r.fileSha256, r));
      snapshot.reviews.forEach((r) => reviews.set(r.reviewerId, r));
    },
  };
}
