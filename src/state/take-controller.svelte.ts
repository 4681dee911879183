/**
 * One visit to an exercise link: find the bundle (URL, stored copy), find or start
 * the attempt, hold it against other tabs, and wire the page's life (visibility,
 * close, focus, the one-second tick) to the session and the autosaver.
 */
import {
  AssayError,
  type Candidate,
  type Embedded,
  type InviteClaims,
  type LoadedBundle,
  loadBundleText,
} from '../core/index.ts';
import { loadBundleFromUrl } from '../lib/load-bundle.ts';
import { prewarmMarkdown } from '../lib/markdown.ts';
import { memoryStore, type CandidateStore, type StorageError } from '../storage/index.ts';
import { Announcer } from './announcer.svelte.ts';
import type { AttemptRun } from './attempt-run.ts';
import type { AttemptSession } from './attempt-session.svelte.ts';
import type { Autosaver } from './autosaver.svelte.ts';

/** Every markdown text of a bundle's tasks, in the order a candidate meets them. */
export function bundleTexts({ bundle }: LoadedBundle): string[] {
  return bundle.tasks.flatMap((t) => [t.prompt, t.context ?? '', ...t.outputs.map((o) => o.content)]).filter(Boolean);
}

export type TakePhase = 'loading' | 'error' | 'intro' | 'attempt';

export interface ExportedFile {
  filename: string;
  text: string;
  sha256: string;
  status: 'draft' | 'submitted';
  /** Set when the file is encrypted to the hiring team's key. */
  encryptedTo: string | null;
}

export interface Invite {
  token: string;
  claims: InviteClaims;
}

export interface TakeOptions {
  appVersion: string;
  announcer: Announcer;
  /** The exercise a take-home copy carries. */
  embedded?: Embedded | null;
  /** Measures each autosave commit (benchmark). */
  onCommit?: (ms: number) => void;
  /** The attempt had to be kept in this tab's memory (storage full): the banner's message. */
  onStorageProblem?: (problem: StorageError) => void;
  /** Bundles opened from a file that the browser could not store (storage full), by hash. */
  unstored?: ReadonlyMap<string, LoadedBundle>;
}

/**
 * The attempt's own code (AttemptRun, the session, the autosaver) is a separate
 * chunk: the start screen does not wait for it. It is fetched once the candidate
 * starts filling in the start form (and at the latest when they press Start), or at
 * once when an attempt is resumed.
 */
export function loadExerciseState() {
  return import('./attempt-run.ts').then(({ AttemptRun }) => AttemptRun);
}

/** jose and SHA-256, in the crypto chunk (see attempt-crypto.ts). */
export function loadAttemptCrypto() {
  return import('./attempt-crypto.ts');
}

export class TakeController {
  phase = $state<TakePhase>('loading');
  error = $state.raw<unknown>(null);
  loaded = $state.raw<LoadedBundle | null>(null);
  session = $state.raw<AttemptSession | null>(null);
  saver = $state.raw<Autosaver | null>(null);
  /** Another tab holds the attempt; this one shows it read-only. */
  inOtherTab = $state(false);
  /** This tab had the attempt and another tab took it. */
  lostToOtherTab = $state(false);
  lastExport = $state.raw<ExportedFile | null>(null);
  /** The invite in the link, when the candidate was invited. */
  invite = $state.raw<Invite | null>(null);
  exporting = $state(false);
  exportError = $state.raw<unknown>(null);
  /** The attempt lives in this tab's memory only (it could not be stored). */
  inMemory = $state(false);
  /** The address the bundle was loaded from, when the link names one. */
  source: string | null = null;

  #store: CandidateStore;
  #options: TakeOptions;
  #cleanup: (() => void)[] = [];
  #run: AttemptRun | null = null;
  #disposed = false;
  /** This tab's memory, once the attempt has to live there. */
  #memory: CandidateStore | null = null;

  constructor(store: CandidateStore, options: TakeOptions) {
    this.#store = store;
    this.#options = options;
  }

  get store(): CandidateStore {
    return this.#store;
  }

  /**
   * Loads the bundle named by the link and resumes its attempt if there is one.
   * With an invite, the bundle must be the one the invite names, and a new attempt
   * can start only inside the invite's validity window.
   */
  async open(params: {
    src: string | null;
    bundle: string | null;
    invite?: string | null;
    embedded?: boolean;
  }): Promise<void> {
    try {
      // The invite reader is its own chunk, fetched only for links that carry an invite.
      const invite = params.invite
        ? { token: params.invite, claims: (await import('./invite-reader.ts')).readInvite(params.invite) }
        : null;
      this.invite = invite;
      this.source = params.src;
      const loaded = await this.#findBundle(params);
      if (this.#disposed) return;
      if (invite && invite.claims.bundle !== loaded.hash)
        throw new AssayError(
          'SCHEMA_INVALID',
          `This invite is for another version of the exercise: the link's exercise has SHA-256 ${loaded.hash.slice(0, 12)}…, the invite names ${invite.claims.bundle.slice(0, 12)}…. Ask the hiring team for a new link.`,
        );
      this.loaded = loaded;
      const jti = invite?.claims.jti ?? null;
      const previousHash = params.src ? await this.#store.hashForSource(params.src).catch(() => null) : null;
      let snapshot = await this.#store.findAttemptForBundle(loaded.hash, jti);
      // The author changed the bundle behind the link mid-attempt: the candidate's
      // answers belong to the version they started, so resume that one.
      if (!snapshot && !invite && previousHash && previousHash !== loaded.hash) {
        const older = await this.#store.findAttemptForBundle(previousHash);
        const olderBundle = older && (await this.#store.getBundle(previousHash));
        if (older && olderBundle && older.record.status === 'in-progress') {
          snapshot = older;
          this.loaded = olderBundle;
        }
      }
      if (!snapshot) {
        if (invite) {
          const { inviteWindow } = await import('./invite-reader.ts');
          const window = inviteWindow(invite.claims, Math.floor(Date.now() / 1000));
          if (!window.ok)
            throw new AssayError('SCHEMA_INVALID', `${window.message} Ask the hiring team for a new link.`);
        }
        this.phase = 'intro';
        // While the candidate reads the instructions, render the tasks in idle time.
        this.#cleanup.push(prewarmMarkdown(bundleTexts(this.loaded)));
        return;
      }
      await (await this.#newRun()).attach(snapshot, true);
    } catch (error) {
      if (this.#disposed) return;
      this.error = error;
      this.phase = 'error';
    }
  }

  /** The candidate confirmed the start screen. An invite sets identity and time limit. */
  async start(candidate: Candidate, extraTimePercent = 0): Promise<void> {
    if (!this.loaded || this.phase !== 'intro') return;
    try {
      await (await this.#newRun()).start(candidate, extraTimePercent);
    } catch (error) {
      this.error = error;
      this.phase = 'error';
    }
  }

  /**
   * Continue in this tab; the other tab turns read-only (see AttemptRun.takeOver).
   */
  async takeOver(): Promise<void> {
    await this.#run?.takeOver();
  }

  /**
   * Builds the result file (a draft until submitted), signs it with the attempt's
   * key and, where the invite or bundle names the hiring team's key, encrypts it
   * to that key. Remembers the file and its SHA-256 for the page to show.
   */
  async exportResult(): Promise<ExportedFile | null> {
    return this.#run ? this.#run.exportResult() : null;
  }

  /**
   * Writes the attempt on screen back to storage after the database was closed
   * and opened again (see AppState). Throws a StorageError when it cannot.
   */
  async restoreStored(): Promise<void> {
    if (this.#run) return this.#run.restoreStored();
    // On the start screen: the bundle, so that a link naming it by hash still opens.
    if (this.loaded && !this.inMemory) await this.#store.putBundle(this.loaded, this.source ?? undefined);
  }

  submit(): void {
    this.session?.submit(false);
    void this.saver?.flush();
  }

  dispose(): void {
    this.#disposed = true;
    this.#run?.dispose();
    for (const undo of this.#cleanup.splice(0)) undo();
  }

  async #newRun(): Promise<AttemptRun> {
    const AttemptRun = await loadExerciseState();
    if (this.inMemory) this.#memory ??= await memoryStore(this.#store.dbName);
    this.#run?.dispose();
    this.#run = new AttemptRun(this, this.#memory ?? this.#store, this.#options);
    return this.#run;
  }

  async #findBundle(params: { src: string | null; bundle: string | null; embedded?: boolean }): Promise<LoadedBundle> {
    if (params.embedded) {
      const embedded = this.#options.embedded;
      if (!embedded)
        throw new AssayError(
          'FETCH_FAILED',
          'This link is for a take-home copy, but no exercise is embedded in this page.',
        );
      const loaded = await loadBundleText(JSON.stringify(embedded.bundle));
      await this.#store.putBundle(loaded).catch(() => {});
      return loaded;
    }
    if (params.bundle) {
      const stored = await this.#store.getBundle(params.bundle);
      if (stored) return stored;
      // Opened from a file with storage full: the attempt is done in this tab's memory.
      const unstored = this.#options.unstored?.get(params.bundle);
      if (unstored) {
        this.inMemory = true;
        return unstored;
      }
      throw new AssayError(
        'FETCH_FAILED',
        'This exercise is not stored in this browser. Open the link you were given, or load the bundle file again.',
      );
    }
    const src = params.src as string;
    try {
      const loaded = await loadBundleFromUrl(src);
      await this.#store.putBundle(loaded, src).catch(() => {});
      return loaded;
    } catch (error) {
      // Offline, or the host is down: use the copy stored when the link was first opened.
      if (error instanceof AssayError && error.code === 'FETCH_FAILED') {
        const hash = await this.#store.hashForSource(src).catch(() => null);
        const stored = hash ? await this.#store.getBundle(hash) : null;
        if (stored) return stored;
      }
      throw error;
    }
  }
}
