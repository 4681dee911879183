/**
 * The candidate side when storage fails (issue 10), with the real stores over a
 * real IndexedDB implementation (fake-indexeddb): a full disk is injected where the
 * browser raises it (every object-store write throws QuotaExceededError), and a
 * deleted database is deleted with indexedDB.deleteDatabase.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fieldKey, loadBundleText } from '../../../src/core/index.ts';
import { Announcer } from '../../../src/state/announcer.svelte.ts';
import { AppState } from '../../../src/state/app.svelte.ts';
import { takeHref } from '../../../src/state/router.svelte.ts';
import { TakeController } from '../../../src/state/take-controller.svelte.ts';
import { openCandidateStore, type StorageError } from '../../../src/storage/index.ts';
import { bundleInput } from '../../helpers/factories.ts';
import { startedAttempt } from '../support.ts';

const CANDIDATE = { name: 'Ada Lovelace', email: 'ada@example.org' };
let counter = 0;

/** Until `restore` is called, every IndexedDB write fails as on a full disk. */
function fillDisk(): () => void {
  const { put, add } = IDBObjectStore.prototype;
  const full = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  IDBObjectStore.prototype.put = full;
  IDBObjectStore.prototype.add = full;
  return () => {
    IDBObjectStore.prototype.put = put;
    IDBObjectStore.prototype.add = add;
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('candidate storage faults', () => {
  const undo: (() => void)[] = [];
  afterEach(() => {
    for (const step of undo.splice(0).reverse()) step();
    location.hash = '';
  });

  it('a bundle file opened with storage full opens, starts and runs in memory, with a message for before the start', async () => {
    const { store } = await openCandidateStore(`faults-${counter++}`);
    const app = new AppState({ store, storageProblem: null, appVersion: 'test' });
    undo.push(fillDisk());
    const text = JSON.stringify(bundleInput());
    await app.openFile(new File([text], 'bundle.json', { type: 'application/json' }));
    expect(app.loadError).toBeNull();
    await until(() => app.take?.phase === 'intro', 'the start screen');
    expect(app.storageProblem?.code).toBe('QUOTA');
    expect(app.storageProblem?.message).toMatch(/storage is full.*kept in this tab only/);
    // Nothing is on screen yet, and there is nothing to export.
    expect(app.storageProblem?.message).not.toMatch(/still on screen|latest changes/);

    const take = app.take as TakeController;
    undo.push(() => take.dispose());
    await take.start(CANDIDATE);
    expect(take.phase).toBe('attempt');
    expect(take.inMemory).toBe(true);
    take.session?.setCritique('t1', 'a', 'Kept in this tab.');
    await take.saver?.flush();
    expect(take.saver?.status).toBe('memory');
    const file = await take.exportResult();
    expect(file?.text).toContain('Kept in this tab.');
  });

  it('storage full at the start: the attempt starts in memory and the banner says what is kept', async () => {
    const { store } = await openCandidateStore(`faults-${counter++}`);
    const loaded = await loadBundleText(JSON.stringify(bundleInput()));
    await store.putBundle(loaded);
    const problems: StorageError[] = [];
    const take = new TakeController(store, {
      appVersion: 'test',
      announcer: new Announcer(),
      onStorageProblem: (problem) => problems.push(problem),
    });
    undo.push(() => take.dispose());
    await take.open({ src: null, bundle: loaded.hash });
    expect(take.phase).toBe('intro');
    undo.push(fillDisk());
    await take.start(CANDIDATE);
    expect(take.error).toBeNull();
    expect(take.phase).toBe('attempt');
    expect(take.inMemory).toBe(true);
    expect(problems.map((p) => p.code)).toEqual(['QUOTA']);
    expect(problems[0]?.message).toMatch(/kept in this tab only: closing or reloading the tab loses it/);
    take.session?.setCritique('t1', 'a', 'Typed on a full disk.');
    expect((await take.exportResult())?.text).toContain('Typed on a full disk.');
  });

  it('a resume with storage full shows what the journal kept, keeps the journal, and saves it once there is room', async () => {
    const first = await startedAttempt();
    const id = first.session.record.id;
    first.session.setCritique('t1', 'a', 'Saved.');
    await first.saver.flush();
    const restore = fillDisk();
    undo.push(restore);
    first.session.setCritique('t1', 'a', 'Saved. Then typed on a full disk.');
    await first.saver.flush();
    expect(first.saver.status).toBe('error');
    first.take.dispose();

    // The next page, the disk still full.
    const take = new TakeController(first.store, { appVersion: 'test', announcer: new Announcer() });
    undo.push(() => take.dispose());
    await take.open({ src: null, bundle: first.loaded.hash });
    expect(take.error).toBeNull();
    expect(take.phase).toBe('attempt');
    expect(take.session?.critique('t1', 'a')).toBe('Saved. Then typed on a full disk.');
    expect(take.session?.readOnly).toBe(false);
    expect(first.store.readJournal(id)).not.toBeNull();
    await take.saver?.flush();
    expect(take.saver?.status).toBe('error');
    expect(take.saver?.error?.message).toMatch(/what was saved before is kept/);

    restore();
    await take.saver?.flush();
    expect(take.saver?.status).toBe('saved');
    const stored = await first.store.loadSnapshot(id);
    expect(stored?.record.fields[fieldKey.critique('t1', 'a')]?.value).toBe('Saved. Then typed on a full disk.');
  });

  it('a database deleted under the attempt is re-created from the page, events and key included', async () => {
    const dbName = `faults-${counter++}`;
    const { store } = await openCandidateStore(dbName);
    const loaded = await loadBundleText(JSON.stringify(bundleInput()));
    await store.putBundle(loaded);
    location.hash = takeHref({ bundle: loaded.hash });
    const app = new AppState({ store, storageProblem: null, appVersion: 'test' });
    await until(() => app.take?.phase === 'intro', 'the start screen');
    const take = app.take as TakeController;
    undo.push(() => take.dispose());
    await take.start(CANDIDATE);
    take.session?.setCritique('t1', 'a', 'Before the deletion.');
    await take.saver?.flush();
    const id = take.session?.record.id as string;
    const eventsBefore = (await store.loadSnapshot(id))?.events.length ?? 0;

    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    // Typed while the database is gone: kept on screen, then stored with the rest.
    take.session?.setCritique('t1', 'a', 'Before the deletion. After it.');
    await until(() => app.announcer.message.startsWith('Your work is saved in this browser again.'), 'the news');
    expect(app.storageProblem).toBeNull();
    await take.saver?.flush();
    expect(take.saver?.status).toBe('saved');

    const stored = await store.loadSnapshot(id);
    expect(stored?.record.fields[fieldKey.critique('t1', 'a')]?.value).toBe('Before the deletion. After it.');
    expect(stored?.record.startedAt).toBe(take.session?.record.startedAt);
    expect(stored?.events.length).toBeGreaterThanOrEqual(eventsBefore);
    expect(stored?.events.map((e) => e.seq)).toEqual(take.session?.events.map((e) => e.seq));
    expect((await store.loadAttemptKey(id))?.kid).toBeTruthy();
    expect(await store.getBundle(loaded.hash)).not.toBeNull();
  });

  it('a database deleted while the start screen is shown gets the bundle back, so the link still opens', async () => {
    const dbName = `faults-${counter++}`;
    const { store } = await openCandidateStore(dbName);
    const loaded = await loadBundleText(JSON.stringify(bundleInput()));
    await store.putBundle(loaded);
    location.hash = takeHref({ bundle: loaded.hash });
    const app = new AppState({ store, storageProblem: null, appVersion: 'test' });
    await until(() => app.take?.phase === 'intro', 'the start screen');
    undo.push(() => app.take?.dispose());
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    await until(() => app.announcer.message.startsWith('Your work is saved in this browser again.'), 'the news');
    expect(await store.getBundle(loaded.hash)).not.toBeNull();
  });
});
