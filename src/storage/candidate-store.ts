/**
 * The candidate side's storage, as the app state sees it. `openCandidateStore`
 * gives the IndexedDB store, or, when the browser refuses IndexedDB, the memory
 * store together with the reason, so the app can say so up front.
 */
import type { AttemptEvent, AttemptRecord, LoadedBundle } from '../core/index.ts';
import {
  createAttempt,
  deleteAttempt,
  findAttemptForBundle,
  listAttempts,
  loadAttemptKey,
  loadSnapshot,
  restoreAttempt,
  saveAttemptKey,
  saveBatch,
  setKeyStorage,
  watchAttempt,
  type AttemptSnapshot,
  type SaveBatch,
} from './attempt-repository.ts';
import { getBundle, hashForSource, putBundle } from './bundle-repository.ts';
import { CandidateDb, DEFAULT_CANDIDATE_DB, type StoredKey } from './candidate-db.ts';
import { clearJournal, readJournal, writeJournal } from './journal.ts';
import { keptInThisTabOnly, toStorageError, type StorageError } from './storage-error.ts';

export type { AttemptSnapshot, SaveBatch } from './attempt-repository.ts';
export type { StoredKey } from './candidate-db.ts';

export interface CandidateStore {
  readonly dbName: string;
  /** False when work is kept in memory only (IndexedDB unavailable). */
  readonly persistent: boolean;
  putBundle(loaded: LoadedBundle, src?: string): Promise<void>;
  getBundle(hash: string): Promise<LoadedBundle | null>;
  hashForSource(src: string): Promise<string | null>;
  findAttemptForBundle(bundleHash: string, inviteJti?: string | null): Promise<AttemptSnapshot | null>;
  loadSnapshot(attemptId: string): Promise<AttemptSnapshot | null>;
  createAttempt(record: AttemptRecord, events: AttemptEvent[]): Promise<AttemptSnapshot>;
  save(attemptId: string, batch: SaveBatch): Promise<void>;
  /** Stores an attempt from what is on screen, unless it is stored (see attempt-repository). */
  restoreAttempt(snapshot: AttemptSnapshot): Promise<void>;
  listAttempts(): Promise<AttemptRecord[]>;
  deleteAttempt(attemptId: string): Promise<void>;
  watchAttempt(attemptId: string, onChange: (record: AttemptRecord) => void): () => void;
  /** Stores the attempt's signing key; "memory" when the browser cannot store a CryptoKey. */
  saveAttemptKey(key: StoredKey): Promise<'indexeddb' | 'memory'>;
  loadAttemptKey(attemptId: string): Promise<StoredKey | null>;
  setKeyStorage(attemptId: string, keyStorage: 'indexeddb' | 'memory'): Promise<void>;
  writeJournal(attemptId: string, batch: SaveBatch): boolean;
  readJournal(attemptId: string): SaveBatch | null;
  clearJournal(attemptId: string): void;
  /**
   * Called when the browser closes the database under us (site data cleared, the
   * database deleted or upgraded in another tab).
   */
  onConnectionLost(callback: (error: StorageError) => void): void;
  /** Opens the database again after it was closed under us (re-created if it was deleted). */
  reconnect(): Promise<void>;
}

export interface OpenedStore {
  store: CandidateStore;
  /** Why work is not being saved, when the memory store had to be used. */
  problem: StorageError | null;
}

export async function openCandidateStore(dbName = DEFAULT_CANDIDATE_DB): Promise<OpenedStore> {
  const db = new CandidateDb(dbName);
  try {
    if (typeof indexedDB === 'undefined')
      throw Object.assign(new Error('IndexedDB is missing'), { name: 'MissingAPIError' });
    await db.open();
  } catch (error) {
    return { store: await memoryStore(dbName), problem: keptInThisTabOnly(toStorageError(error)) };
  }
  const lostCallbacks: ((error: StorageError) => void)[] = [];
  let lostPending = false;
  // Dexie fires 'close' for every close, its own after a forced one (site data
  // cleared) and ours on 'versionchange' (the database deleted or upgraded in
  // another tab): told once, after the close has finished, so a callback may
  // open the database again.
  const lost = () => {
    if (lostPending) return;
    lostPending = true;
    setTimeout(() => {
      lostPending = false;
      const problem = toStorageError(Object.assign(new Error('closed'), { name: 'DatabaseClosedError' }));
      for (const callback of lostCallbacks) callback(problem);
    });
  };
  db.on('close', lost);
  db.on('versionchange', () => {
    db.close();
    return false;
  });
  const store: CandidateStore = {
    dbName,
    persistent: true,
    putBundle: (loaded, src) => putBundle(db, loaded, src),
    getBundle: (hash) => getBundle(db, hash),
    hashForSource: (src) => hashForSource(db, src),
    findAttemptForBundle: (hash, jti) => findAttemptForBundle(db, hash, jti ?? null),
    loadSnapshot: (id) => loadSnapshot(db, id),
    createAttempt: (record, events) => createAttempt(db, record, events),
    save: (id, batch) => saveBatch(db, id, batch),
    restoreAttempt: (snapshot) => restoreAttempt(db, snapshot),
    listAttempts: () => listAttempts(db),
    deleteAttempt: (id) => deleteAttempt(db, id),
    watchAttempt: (id, onChange) => watchAttempt(db, id, onChange),
    saveAttemptKey: (key) => saveAttemptKey(db, key),
    loadAttemptKey: (id) => loadAttemptKey(db, id),
    setKeyStorage: (id, keyStorage) => setKeyStorage(db, id, keyStorage),
    writeJournal: (id, batch) => writeJournal(dbName, id, batch),
    readJournal: (id) => readJournal(dbName, id),
    clearJournal: (id) => clearJournal(dbName, id),
    onConnectionLost: (callback) => lostCallbacks.push(callback),
    reconnect: async () => {
      try {
        if (db.isOpen()) return;
        await db.open();
      } catch (error) {
        throw toStorageError(error);
      }
    },
  };
  return { store, problem: null };
}

/**
 * A store that keeps everything in this page's memory: where IndexedDB is
 * refused, or for an attempt that cannot be stored (storage full). Rare, so its
 * code is loaded only then; it may be loaded at start-up, which is why main.ts
 * has no top-level await (see scripts/chunk-cycles.ts).
 */
export async function memoryStore(dbName: string): Promise<CandidateStore> {
  const { createMemoryStore } = await import('./memory-store.ts');
  return createMemoryStore(dbName);
}

/** Asks the browser not to evict saved work under storage pressure. Returns whether it agreed. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
