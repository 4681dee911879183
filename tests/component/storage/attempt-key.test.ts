import { afterEach, describe, expect, it } from 'vitest';
import { checkChain, chainAnchor, parseResultText, verifyResult } from '../../../src/core/index.ts';
import { Announcer } from '../../../src/state/announcer.svelte.ts';
import { TakeController } from '../../../src/state/take-controller.svelte.ts';
import { startedAttempt } from '../support.ts';

describe('attempt signing key', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => dispose?.());

  it('signs the export with the key made at the start, kept across a reload', async () => {
    const { take, store, loaded, session } = await startedAttempt();
    const first = await take.exportResult();
    take.dispose();
    const again = new TakeController(store, { appVersion: 'test', announcer: new Announcer() });
    dispose = () => again.dispose();
    await again.open({ src: null, bundle: loaded.hash });
    const second = await again.exportResult();
    const a = parseResultText(first?.text ?? '');
    const b = parseResultText(second?.text ?? '');
    const kid = (text: string) => JSON.parse(atob(text.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))).kid;
    expect(kid(b.signature!)).toBe(kid(a.signature!));
    expect(b.integrity.keyStorage).toBe('indexeddb');
    expect(b.events.filter((e) => e.type === 'key.created')).toEqual([]);
    expect(b.attemptId).toBe(session.record.id);
    const report = await verifyResult(second?.text ?? '', { bundles: [{ bundle: loaded.bundle, hash: loaded.hash }] });
    expect(report.checks.find((c) => c.id === 'signature')?.status).toBe('ok');
    expect(report.checks.find((c) => c.id === 'chain')?.status).toBe('ok');
  });

  it('where the browser cannot store the key, keeps going: a new key after reload, logged, chain intact', async () => {
    const { take, store, loaded } = await startedAttempt();
    // As Safari's private mode does: the CryptoKey cannot be stored.
    (store as { saveAttemptKey: typeof store.saveAttemptKey }).saveAttemptKey = async () => 'memory';
    (store as { loadAttemptKey: typeof store.loadAttemptKey }).loadAttemptKey = async () => null;
    take.session?.setCritique('t1', 'a', 'Written before the reload.');
    await take.saver?.flush();
    take.dispose();
    const again = new TakeController(store, { appVersion: 'test', announcer: new Announcer() });
    dispose = () => again.dispose();
    await again.open({ src: null, bundle: loaded.hash });
    const file = await again.exportResult();
    const result = parseResultText(file?.text ?? '');
    const created = result.events.filter((e) => e.type === 'key.created');
    expect(created).toHaveLength(1);
    expect(result.integrity.keyStorage).toBe('memory');
    expect(checkChain(result.events, chainAnchor(result.bundle.sha256), result.integrity.eventsHead)).toBeNull();
    const report = await verifyResult(file?.text ?? '', { bundles: [{ bundle: loaded.bundle, hash: loaded.hash }] });
    expect(report.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'warn' });
    expect(report.checks.find((c) => c.id === 'signature')?.message).toMatch(/could not store the key/);
  });
});
