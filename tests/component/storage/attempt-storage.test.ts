import { afterEach, describe, expect, it } from 'vitest';
import { fieldKey } from '../../../src/core/index.ts';
import { startedAttempt } from '../support.ts';

describe('candidate storage (IndexedDB)', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => dispose?.());

  it('saves answers and events, and a reload reads back exactly what was on screen', async () => {
    const { take, session, saver, store } = await startedAttempt();
    dispose = () => take.dispose();
    session.setCritique('t1', 'a', 'A careful critique.');
    session.moveOutput('t1', 'c', 0);
    session.goTo(1);
    await saver.flush();
    const snapshot = await store.loadSnapshot(session.record.id);
    expect(snapshot?.record.fields[fieldKey.critique('t1', 'a')]?.value).toBe('A careful critique.');
    expect(snapshot?.record.fields[fieldKey.ranking('t1')]?.value).toEqual(['c', 'a', 'b']);
    expect(snapshot?.record.fields[fieldKey.currentTask()]?.value).toBe(1);
    expect(snapshot?.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['attempt.start', 'task.open', 'ranking.change', 'task.leave']),
    );
    expect(snapshot?.events.map((e) => e.seq)).toEqual(snapshot?.events.map((_, i) => i));
  });

  it('never lets an older write overwrite newer text', async () => {
    const { take, session, saver, store } = await startedAttempt();
    dispose = () => take.dispose();
    session.setCritique('t1', 'a', 'newest text');
    await saver.flush();
    const key = fieldKey.critique('t1', 'a');
    const rev = (await store.loadSnapshot(session.record.id))?.record.fields[key]?.rev ?? 0;
    await store.save(session.record.id, {
      patches: [{ key, value: 'stale text from another tab', rev: rev - 1 }],
      events: [],
    });
    expect((await store.loadSnapshot(session.record.id))?.record.fields[key]?.value).toBe('newest text');
  });

  it('replays the page-hide journal on the next load, by revision', async () => {
    const { take, session, saver, store } = await startedAttempt();
    session.setCritique('t1', 'b', 'typed just before the tab closed');
    // The page is hidden: the journal is written synchronously, the IndexedDB write may never finish.
    const journalled = store.writeJournal(session.record.id, {
      patches: [{ key: fieldKey.critique('t1', 'b'), value: 'typed just before the tab closed', rev: Date.now() + 10 }],
      events: [],
    });
    expect(journalled).toBe(true);
    take.dispose();
    void saver;
    const { TakeController } = await import('../../../src/state/take-controller.svelte.ts');
    const { Announcer } = await import('../../../src/state/announcer.svelte.ts');
    const again = new TakeController(store, { appVersion: 'test', announcer: new Announcer() });
    dispose = () => again.dispose();
    await again.open({ src: null, bundle: session.bundleHash });
    expect(again.session?.critique('t1', 'b')).toBe('typed just before the tab closed');
    expect(store.readJournal(session.record.id)).toBeNull();
  });

  it('starts one attempt per bundle: a second start resumes the first', async () => {
    const { take, store, loaded, session } = await startedAttempt();
    const { TakeController } = await import('../../../src/state/take-controller.svelte.ts');
    const { Announcer } = await import('../../../src/state/announcer.svelte.ts');
    const other = new TakeController(store, { appVersion: 'test', announcer: new Announcer() });
    dispose = () => {
      take.dispose();
      other.dispose();
    };
    await other.open({ src: null, bundle: loaded.hash });
    expect(other.phase).toBe('attempt');
    expect(other.session?.record.id).toBe(session.record.id);
    expect(await store.listAttempts()).toHaveLength(1);
  });

  it('keeps the attempt when storage fails and says why', async () => {
    const { take, session, saver, store } = await startedAttempt();
    dispose = () => take.dispose();
    const original = store.save;
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    (store as { save: typeof store.save }).save = () => Promise.reject(quota);
    session.setCritique('t1', 'a', 'still on screen');
    await saver.flush();
    expect(saver.status).toBe('error');
    expect(saver.error?.code).toBe('QUOTA');
    expect(saver.error?.message).toMatch(/storage is full/);
    expect(session.critique('t1', 'a')).toBe('still on screen');
    (store as { save: typeof store.save }).save = original;
    await saver.flush();
    expect(saver.status).toBe('saved');
    expect((await store.loadSnapshot(session.record.id))?.record.fields[fieldKey.critique('t1', 'a')]?.value).toBe(
      'still on screen',
    );
  });
});
