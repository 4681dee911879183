/**
 * Where IndexedDB is unavailable (some private modes, storage turned off, a
 * file:// page in a strict browser) the candidate can still do the exercise: the
 * attempt lives in memory for this page, the app says so up front, and export
 * works as usual. This is the real fallback, not a test double.
 */
import type { LoadedBundle } from '../core/index.ts';
import { applyBatch } from './apply-batch.ts';
import type { AttemptSnapshot, SaveBatch } from './attempt-repository.ts';
import type { CandidateStore } from './candidate-store.ts';
import type { StoredKey } from './candidate-db.ts';

export function createMemoryStore(dbName: string): CandidateStore {
  const bundles = new Map<string, LoadedBundle>();
  const sources = new Map<string, string>();
  const attempts = new Map<string, AttemptSnapshot>();
  // CryptoKeys are kept as they are: structuredClone would copy them, which is fine, but there is no need.
  const keys = new Map<string, StoredKey>();
  const clone = <T>(value: T): T => structuredClone(value);
  return {
    dbName,
    persistent: false,
    async putBundle(loaded, src) {
      bundles.set(loaded.hash, loaded);
      if (src) sources.set(src, loaded.hash);
    },
    async getBundle(hash) {
      return bundles.get(hash) ?? null;
    },
    async hashForSource(src) {
      return sources.get(src) ?? null;
    },
    async findAttemptForBundle(hash, jti = null) {
      for (const snapshot of attempts.values())
        if (snapshot.record.bundleHash === hash && snapshot.record.inviteJti === jti) return clone(snapshot);
      return null;
    },
    async loadSnapshot(attemptId) {
      const snapshot = attempts.get(attemptId);
      return snapshot ? clone(snapshot) : null;
    },
    async createAttempt(record, events) {
      for (const snapshot of attempts.values())
        if (snapshot.record.bundleHash === record.bundleHash && snapshot.record.inviteJti === record.inviteJti)
          return clone(snapshot);
      attempts.set(record.id, { record: clone(record), events: clone(events) });
      return clone({ record, events });
    },
    async save(attemptId, batch: SaveBatch) {
      const snapshot = attempts.get(attemptId);
      if (!snapshot) throw new Error(`attempt ${attemptId} is not stored`);
      attempts.set(attemptId, applyBatch(snapshot, batch));
    },
    async restoreAttempt(snapshot) {
      if (!attempts.has(snapshot.record.id)) attempts.set(snapshot.record.id, clone(snapshot));
    },
    async listAttempts() {
      return [...attempts.values()].map((s) => clone(s.record));
    },
    async deleteAttempt(attemptId) {
      attempts.delete(attemptId);
    },
    watchAttempt() {
      return () => {};
    },
    async saveAttemptKey(key) {
      keys.set(key.attemptId, key);
      return 'memory';
    },
    async loadAttemptKey(attemptId) {
      return keys.get(attemptId) ?? null;
    },
    async setKeyStorage(attemptId, keyStorage) {
      const snapshot = attempts.get(attemptId);
      if (snapshot) snapshot.record.keyStorage = keyStorage;
    },
    writeJournal() {
      return false;
    },
    readJournal() {
      return null;
    },
    clearJournal() {},
    onConnectionLost() {},
    async reconnect() {},
  };
}
