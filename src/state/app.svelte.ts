/**
 * The candidate app's top-level state: storage, routing, network, the start
 * page's lists, and the exercise on screen. Created once in main.ts (where the IO
 * of opening storage happens) and handed to components through context.
 */
import { getContext, setContext } from 'svelte';
import { AssayError, type AttemptRecord, type Embedded, type LoadedBundle } from '../core/index.ts';
import { loadBundleFromFile } from '../lib/load-bundle.ts';
import {
  keptInThisTabOnly,
  storingAgain,
  toStorageError,
  type CandidateStore,
  type StorageError,
} from '../storage/index.ts';
import { Announcer } from './announcer.svelte.ts';
import { Router, takeHref } from './router.svelte.ts';
import { TakeController } from './take-controller.svelte.ts';

export interface SampleExercise {
  file: string;
  id: string;
  title: string;
  domain: string;
  tasks: number;
  timeLimitMinutes: number;
  timePolicy: 'soft' | 'hard';
}

export interface AppOptions {
  store: CandidateStore;
  storageProblem: StorageError | null;
  appVersion: string;
  /** The exercise carried by a take-home copy. */
  embedded?: Embedded | null;
  /** Why the embedded exercise could not be read. */
  embeddedProblem?: unknown;
  /** Whether the browser agreed to keep this site's storage. */
  persisted?: boolean;
  /** Where the list of sample exercises is published (built by the exercises plugin). */
  samplesUrl?: string;
}

export class AppState {
  readonly router: Router;
  readonly announcer = new Announcer();
  readonly store: CandidateStore;
  readonly appVersion: string;

  storageProblem = $state.raw<StorageError | null>(null);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  samples = $state.raw<SampleExercise[] | null>(null);
  samplesError = $state<string | null>(null);
  attempts = $state.raw<AttemptRecord[]>([]);
  /** The result of the last bundle file the candidate picked or dropped. */
  loadError = $state.raw<unknown>(null);
  loadingFile = $state<string | null>(null);
  take = $state.raw<TakeController | null>(null);
  /** A new version is ready; applying it reloads (after saving). */
  update = $state.raw<(() => Promise<void>) | null>(null);
  readonly embedded: Embedded | null;
  readonly embeddedProblem: unknown;
  /** Running from a file on disk (a take-home copy or the single-file build). */
  readonly fromDisk: boolean;
  readonly persisted: boolean;

  #samplesUrl: string;
  /** Which exercise link the controller was made for; null before the first route. */
  #takeKey: string | null = null;
  /** Bundles opened from a file that could not be stored (storage full), by hash. */
  #unstored = new Map<string, LoadedBundle>();
  /** The database being opened again after the browser closed it; one at a time. */
  #reconnecting: Promise<void> | null = null;

  constructor(options: AppOptions) {
    this.store = options.store;
    this.storageProblem = options.storageProblem;
    this.embedded = options.embedded ?? null;
    this.embeddedProblem = options.embeddedProblem ?? null;
    this.fromDisk = typeof location !== 'undefined' && location.protocol === 'file:';
    this.persisted = options.persisted ?? false;
    this.appVersion = options.appVersion;
    this.#samplesUrl = options.samplesUrl ?? 'exercises/index.json';
    this.router = new Router(() => this.#routeChanged());
    addEventListener('online', () => (this.online = true));
    addEventListener('offline', () => (this.online = false));
    this.store.onConnectionLost((error) => this.#connectionLost(error));
    this.#routeChanged();
  }

  /** Loads a bundle from a picked or dropped file and opens it. Nothing is stored if it is invalid. */
  async openFile(file: File): Promise<void> {
    this.loadError = null;
    this.loadingFile = file.name;
    try {
      const loaded: LoadedBundle = await loadBundleFromFile(file);
      try {
        await this.store.putBundle(loaded);
      } catch (error) {
        // Storage full: the exercise can still be done, in this tab's memory, and the banner says so.
        this.#unstored.set(loaded.hash, loaded);
        this.storageProblem = keptInThisTabOnly(toStorageError(error));
      }
      this.router.navigate(takeHref({ bundle: loaded.hash }));
    } catch (error) {
      this.loadError = error instanceof AssayError ? error : toError(error, file.name);
    } finally {
      this.loadingFile = null;
    }
  }

  /** Opens a bundle from an address typed or pasted by the user. */
  openUrl(src: string): void {
    this.loadError = null;
    this.router.navigate(takeHref({ src: src.trim() }));
  }

  async refreshHome(): Promise<void> {
    try {
      this.attempts = await this.store.listAttempts();
    } catch {
      this.attempts = [];
    }
    if (this.samples !== null) return;
    if (this.fromDisk) {
      // Nothing is published beside a file on disk, and file:// cannot be fetched anyway.
      this.samples = [];
      this.samplesError = 'A copy opened from disk comes with no sample exercises: open a bundle file above.';
      return;
    }
    try {
      const response = await fetch(this.#samplesUrl, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const list = (await response.json()) as unknown;
      this.samples = Array.isArray(list) ? (list as SampleExercise[]) : [];
    } catch {
      this.samples = [];
      this.samplesError = 'The sample exercises could not be listed. You can still open a bundle file below.';
    }
  }

  /**
   * Resolves once the page shows its first real screen: for an exercise link, the
   * start screen, the exercise or an error (not the loading state); otherwise at once.
   */
  firstScreenShown(): Promise<void> {
    return new Promise((resolve) => {
      const stop = $effect.root(() => {
        $effect(() => {
          if (this.take?.phase === 'loading') return;
          resolve();
          queueMicrotask(() => stop());
        });
      });
    });
  }

  /** The service worker has a new version; the app offers it (never reloads by itself). */
  offerUpdate(apply: () => Promise<void>): void {
    this.update = apply;
  }

  /** Saves what is on screen, then loads the new version. */
  async applyUpdate(): Promise<void> {
    const apply = this.update;
    if (!apply) return;
    await this.take?.saver?.flush();
    this.take?.saver?.flushNow();
    await apply();
  }

  async deleteAttempt(attemptId: string): Promise<void> {
    await this.store.deleteAttempt(attemptId);
    await this.refreshHome();
  }

  /**
   * The browser closed the database (site data cleared, the database deleted or
   * upgraded in another tab). Reloading would lose the attempt on screen, so it is
   * never the advice: the database is opened again (re-created if it was deleted)
   * and the attempt written back from this page. If that fails, the banner says the
   * work is kept in this tab only.
   */
  #connectionLost(error: StorageError): void {
    this.storageProblem = storingAgain(error);
    if (this.#reconnecting) return;
    this.#reconnecting = (async () => {
      try {
        await this.store.reconnect();
        await this.take?.restoreStored();
        this.storageProblem = null;
        this.announcer.say('Your work is saved in this browser again.');
      } catch (failure) {
        this.storageProblem = keptInThisTabOnly(toStorageError(failure));
      } finally {
        this.#reconnecting = null;
      }
    })();
  }

  #routeChanged(): void {
    const route = this.router.route;
    const key =
      route.name === 'take' ? `${route.src ?? ''}|${route.bundle ?? ''}|${route.invite ?? ''}|${route.embedded}` : '';
    if (key === this.#takeKey) return;
    this.#takeKey = key;
    this.take?.dispose();
    this.take = null;
    if (route.name === 'take') {
      const take = new TakeController(this.store, {
        appVersion: this.appVersion,
        announcer: this.announcer,
        embedded: this.embedded,
        onStorageProblem: (problem) => (this.storageProblem = problem),
        unstored: this.#unstored,
      });
      this.take = take;
      void take.open({
        src: route.src,
        bundle: route.bundle,
        invite: route.embedded ? (this.embedded?.invite ?? route.invite) : route.invite,
        embedded: route.embedded,
      });
    } else {
      void this.refreshHome();
    }
  }
}

function toError(error: unknown, name: string): Error {
  return error instanceof Error ? error : new Error(`Could not read ${name}: ${String(error)}`);
}

const KEY = Symbol('assay.app');

export function setAppState(state: AppState): AppState {
  return setContext(KEY, state);
}

export function getAppState(): AppState {
  const state = getContext<AppState | undefined>(KEY);
  if (!state) throw new Error('AppState is not set: mount components inside <App>.');
  return state;
}
