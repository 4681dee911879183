import { liveQuery } from 'dexie';
import {
  AttemptRecordSchema,
  EventSchema,
  mergeFields,
  type AttemptEvent,
  type AttemptRecord,
  type FieldPatch,
} from '../core/index.ts';
import type { CandidateDb, StoredEvent, StoredKey } from './candidate-db.ts';
import { toStorageError } from './storage-error.ts';

/** One autosave: answer fields, new events and attempt-level changes, written atomically. */
export interface SaveBatch {
  patches: FieldPatch[];
  events: AttemptEvent[];
  /** Set when the attempt is submitted (status only ever moves forward). */
  submit?: { submittedAt: number; autoSubmitted: boolean };
}

export interface AttemptSnapshot {
  record: AttemptRecord;
  events: AttemptEvent[];
}

function readRecord(row: unknown): AttemptRecord | null {
  const parsed = AttemptRecordSchema.safeParse(row);
  return parsed.success ? parsed.data : null;
}

/**
 * The attempt for a bundle (and invite, when there is one) in this browser, with
 * its event log; null when none.
 */
export async function findAttemptForBundle(
  db: CandidateDb,
  bundleHash: string,
  inviteJti: string | null = null,
): Promise<AttemptSnapshot | null> {
  const rows = await db.attempts.where('bundleHash').equals(bundleHash).sortBy('updatedAt');
  const row = rows.filter((r) => (r.inviteJti ?? null) === inviteJti).at(-1);
  return row ? loadSnapshot(db, row.id) : null;
}

export async function loadSnapshot(db: CandidateDb, attemptId: string): Promise<AttemptSnapshot | null> {
  return db.transaction('r', db.attempts, db.events, async () => {
    const record = readRecord(await db.attempts.get(attemptId));
    if (!record) return null;
    const rows = await db.events.where('attemptId').equals(attemptId).sortBy('seq');
    const events: AttemptEvent[] = [];
    for (const { attemptId: _omit, ...row } of rows) {
      const parsed = EventSchema.safeParse(row);
      if (parsed.success) events.push(parsed.data);
    }
    return { record, events };
  });
}

/**
 * Creates the attempt unless one already exists for the bundle (another tab may
 * have started it a moment ago); returns whichever is stored.
 */
export async function createAttempt(
  db: CandidateDb,
  record: AttemptRecord,
  firstEvents: AttemptEvent[],
): Promise<AttemptSnapshot> {
  try {
    const id = await db.transaction('rw', db.attempts, db.events, async () => {
      const existing = (await db.attempts.where('bundleHash').equals(record.bundleHash).toArray()).find(
        (r) => (r.inviteJti ?? null) === record.inviteJti,
      );
      if (existing) return existing.id;
      await db.attempts.add(record);
      await db.events.bulkPut(firstEvents.map((e) => ({ ...e, attemptId: record.id })));
      return record.id;
    });
    const snapshot = await loadSnapshot(db, id);
    if (!snapshot) throw new Error('the attempt could not be read back');
    return snapshot;
  } catch (error) {
    throw toStorageError(error);
  }
}

/**
 * Writes one autosave in one transaction: fields merge by revision (never older
 * over newer), events are put by [attemptId+seq] (a retry is harmless).
 */
export async function saveBatch(db: CandidateDb, attemptId: string, batch: SaveBatch): Promise<void> {
  try {
    await db.transaction('rw', db.attempts, db.events, async () => {
      const record = await db.attempts.get(attemptId);
      if (!record) throw new Error(`attempt ${attemptId} is not stored`);
      const { fields } = mergeFields(record.fields, batch.patches);
      let { nextSeq, lastTMono } = record;
      const rows: StoredEvent[] = [];
      for (const event of batch.events) {
        // A replayed journal may carry an event whose number another tab has used
        // since: keep both, appending the newcomer at the end of the log.
        const existing = event.seq < record.nextSeq ? await db.events.get([attemptId, event.seq]) : undefined;
        if (existing && existing.tWall === event.tWall && existing.type === event.type) continue;
        const seq = existing ? nextSeq : event.seq;
        rows.push({ ...event, seq, attemptId });
        nextSeq = Math.max(nextSeq, seq + 1);
        lastTMono = Math.max(lastTMono, event.tMono);
      }
      const submitted = record.status === 'submitted';
      await db.attempts.put({
        ...record,
        fields,
        nextSeq,
        lastTMono,
        status: submitted || batch.submit ? 'submitted' : 'in-progress',
        submittedAt: submitted ? record.submittedAt : (batch.submit?.submittedAt ?? null),
        autoSubmitted: submitted ? record.autoSubmitted : (batch.submit?.autoSubmitted ?? false),
        updatedAt: Date.now(),
      });
      if (rows.length > 0) await db.events.bulkPut(rows);
    });
  } catch (error) {
    throw toStorageError(error);
  }
}

/**
 * Writes back an attempt kept on screen after its stored copy went (site data
 * cleared, the database deleted in another tab): the record and its events, when
 * the attempt is not stored. One that is stored is left as it is: the autosave's
 * merge by revision brings it up to date.
 */
export async function restoreAttempt(db: CandidateDb, snapshot: AttemptSnapshot): Promise<void> {
  const { record, events } = snapshot;
  try {
    await db.transaction('rw', db.attempts, db.events, async () => {
      if (await db.attempts.get(record.id)) return;
      await db.attempts.add(record);
      await db.events.bulkPut(events.map((e) => ({ ...e, attemptId: record.id })));
    });
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Every stored attempt, newest first, for the start page. */
export async function listAttempts(db: CandidateDb): Promise<AttemptRecord[]> {
  const rows = await db.attempts.orderBy('updatedAt').reverse().toArray();
  return rows.map(readRecord).filter((r): r is AttemptRecord => r !== null);
}

/** Removes an attempt and its events (the candidate asked to, after exporting). */
export async function deleteAttempt(db: CandidateDb, attemptId: string): Promise<void> {
  await db.transaction('rw', db.attempts, db.events, async () => {
    await db.events.where('attemptId').equals(attemptId).delete();
    await db.attempts.delete(attemptId);
  });
}

/**
 * Calls `onChange` with the stored attempt whenever it changes, in this tab or
 * another (Dexie's liveQuery follows other tabs). Returns an unsubscribe function.
 */
export function watchAttempt(
  db: CandidateDb,
  attemptId: string,
  onChange: (record: AttemptRecord) => void,
): () => void {
  const subscription = liveQuery(() => db.attempts.get(attemptId)).subscribe({
    next: (row) => {
      const record = readRecord(row);
      if (record) onChange(record);
    },
    error: () => {},
  });
  return () => subscription.unsubscribe();
}

/**
 * Stores the attempt's signing key. Returns "memory" when the browser refuses to
 * store a CryptoKey (some Safari modes throw DataCloneError): the key then lives in
 * this page only, and the attempt records that.
 */
export async function saveAttemptKey(db: CandidateDb, key: StoredKey): Promise<'indexeddb' | 'memory'> {
  try {
    await db.keys.put(key);
    return 'indexeddb';
  } catch (error) {
    if (isDataCloneError(error)) return 'memory';
    throw toStorageError(error);
  }
}

export async function loadAttemptKey(db: CandidateDb, attemptId: string): Promise<StoredKey | null> {
  try {
    const row = await db.keys.get(attemptId);
    return row && row.privateKey && typeof row.kid === 'string' ? row : null;
  } catch {
    return null;
  }
}

/** Records where the key lives on the attempt (read back into the result). */
export async function setKeyStorage(
  db: CandidateDb,
  attemptId: string,
  keyStorage: 'indexeddb' | 'memory',
): Promise<void> {
  await db.attempts.update(attemptId, { keyStorage });
}

function isDataCloneError(error: unknown): boolean {
  for (let e: unknown = error, i = 0; e && i < 4; i++) {
    if ((e as { name?: unknown }).name === 'DataCloneError') return true;
    e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
