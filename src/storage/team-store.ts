/**
 * The hiring team's storage, as the team state sees it. `openTeamStore` gives the
 * IndexedDB store, or, when the browser refuses IndexedDB, a store in memory
 * together with the reason, so the page can say the key will not survive a reload.
 */
import { DEFAULT_TEAM_DB, TeamDb, type StoredTeamKey } from './team-db.ts';
import {
  deleteTeamKey,
  listTeamKeys,
  markBackupDownloaded,
  putTeamKey,
  type TeamKeyList,
} from './team-key-repository.ts';
import { toStorageError, type StorageError } from './storage-error.ts';

export interface TeamStore {
  /** False when keys are kept in memory only (IndexedDB unavailable). */
  readonly persistent: boolean;
  list(): Promise<TeamKeyList>;
  put(key: StoredTeamKey): Promise<void>;
  markBackupDownloaded(id: string, at: number): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface OpenedTeamStore {
  store: TeamStore;
  problem: StorageError | null;
}

export async function openTeamStore(dbName = DEFAULT_TEAM_DB): Promise<OpenedTeamStore> {
  const db = new TeamDb(dbName);
  try {
    if (typeof indexedDB === 'undefined')
      throw Object.assign(new Error('IndexedDB is missing'), { name: 'MissingAPIError' });
    await db.open();
  } catch (error) {
    return { store: createMemoryTeamStore(), problem: toStorageError(error) };
  }
  db.on('versionchange', () => {
    db.close();
    return false;
  });
  return {
    store: {
      persistent: true,
      list: () => listTeamKeys(db),
      put: (key) => putTeamKey(db, key),
      markBackupDownloaded: (id, at) => markBackupDownloaded(db, id, at),
      delete: (id) => deleteTeamKey(db, id),
    },
    problem: null,
  };
}

/** Keys in this tab's memory only: what remains when the browser refuses IndexedDB. */
export function createMemoryTeamStore(): TeamStore {
  const rows = new Map<string, StoredTeamKey>();
  return {
    persistent: false,
    list: () =>
      Promise.resolve({
        keys: [...rows.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
        unreadable: [],
      }),
    put: (key) => {
      rows.set(key.id, key);
      return Promise.resolve();
    },
    markBackupDownloaded: (id, at) => {
      const row = rows.get(id);
      if (row) rows.set(id, { ...row, backupDownloadedAt: at });
      return Promise.resolve();
    },
    delete: (id) => {
      rows.delete(id);
      return Promise.resolve();
    },
  };
}
