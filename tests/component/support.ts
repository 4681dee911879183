/**
 * Builds a real attempt for component tests: a bundle stored in a real IndexedDB
 * (fake-indexeddb), a TakeController that starts the attempt the way the app does.
 */
import { loadBundleText } from '../../src/core/index.ts';
import { Announcer } from '../../src/state/announcer.svelte.ts';
import { TakeController } from '../../src/state/take-controller.svelte.ts';
import { openCandidateStore } from '../../src/storage/index.ts';
import { bundleInput } from '../helpers/factories.ts';

let counter = 0;

export async function startedAttempt(overrides: Parameters<typeof bundleInput>[0] = {}) {
  const { store } = await openCandidateStore(`test-db-${Date.now()}-${counter++}`);
  const loaded = await loadBundleText(JSON.stringify(bundleInput(overrides)));
  await store.putBundle(loaded);
  const announcer = new Announcer();
  const take = new TakeController(store, { appVersion: 'test', announcer });
  await take.open({ src: null, bundle: loaded.hash });
  await take.start({ name: 'Ada Lovelace', email: 'ada@example.org' });
  if (!take.session || !take.saver) throw new Error(`the attempt did not start: ${String(take.error)}`);
  return { store, take, session: take.session, saver: take.saver, announcer, loaded };
}
