import { mount } from 'svelte';
import './ui/theme.css';
import App from './ui/App.svelte';
import { canonicalSha256, type Embedded } from './core/index.ts';
import { readEmbedded } from './lib/embedded.ts';
import { AppState } from './state/app.svelte.ts';
import { openCandidateStore, requestPersistentStorage } from './storage/index.ts';

// No top-level await in this module: a lazy chunk it waited for at top level
// (the memory store, when IndexedDB is refused) imports this chunk back, and would
// wait for it to finish evaluating while it waits for the chunk: a blank page
// (issue 10). scripts/check-chunk-cycles.ts fails the build if that comes back.
void start();

async function start(): Promise<void> {
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
  const target = document.getElementById('app');
  if (!target) throw new Error('#app is missing from index.html');
  mount(App, { target, props: { state } });

  // The service worker (offline use, updates) is not needed to show the first screen:
  // it is set up once that screen is shown, the page has loaded and the browser is idle.
  const loaded = new Promise<void>((resolve) =>
    document.readyState === 'complete' ? resolve() : addEventListener('load', () => resolve(), { once: true }),
  );
  void Promise.all([loaded, state.firstScreenShown()]).then(() =>
    whenIdle(
      () =>
        void import('assay:pwa').then(({ startServiceWorker }) =>
          startServiceWorker((apply) => state.offerUpdate(apply)),
        ),
    ),
  );
}

function whenIdle(run: () => void) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
