import { mount } from 'svelte';
import './ui/theme.css';
import App from './ui/App.svelte';
import { canonicalSha256, type Embedded } from './core/index.ts';
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
// The name comes from the bundle and the invite together: two copies of one exercise
// made for two people do not share attempts either.
const dbName = embedded ? `assay-takehome-${(await canonicalSha256(embedded)).slice(0, 16)}` : undefined;
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
// The service worker (offline use, updates) is set up once the first screen is up:
// it is not needed to show it.
const startWorker = () =>
  void import('assay:pwa').then(({ startServiceWorker }) => startServiceWorker((apply) => state.offerUpdate(apply)));
if (document.readyState === 'complete') setTimeout(startWorker, 0);
else addEventListener('load', () => setTimeout(startWorker, 0), { once: true });
const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target, props: { state } });
