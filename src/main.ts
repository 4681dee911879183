import { mount } from 'svelte';
import { startServiceWorker } from 'assay:pwa';
import './ui/theme.css';
import App from './ui/App.svelte';
import { bundleHash, type Embedded } from './core/index.ts';
import { readEmbedded } from './lib/embedded.ts';
import { AppState } from './state/app.svelte.ts';
import { openCandidateStore, requestPersistentStorage } from './storage/index.ts';

// A take-home copy carries its exercise; each copy keeps its attempts in its own
// database, so two exercises on one disk (one file:// origin) never mix.
let embedded: Embedded | null = null;
let embeddedProblem: unknown = null;
try {
  embedded = readEmbedded();
} catch (error) {
  embeddedProblem = error;
}
const dbName = embedded ? `assay-takehome-${(await bundleHash(embedded.bundle)).slice(0, 16)}` : undefined;
if (embedded && !location.hash.startsWith('#/take')) history.replaceState(null, '', '#/take?embedded=1');

// Storage is opened before anything renders, so no screen can ever show (or save)
// an empty attempt while the stored one is still loading.
const { store, problem } = await openCandidateStore(dbName);
const persisted = store.persistent ? await requestPersistentStorage() : false;

const state = new AppState({
  store,
  storageProblem: problem,
  appVersion: __APP_VERSION__,
  embedded,
  embeddedProblem,
  persisted,
});
startServiceWorker((apply) => state.offerUpdate(apply));
const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target, props: { state } });
