/**
 * One visit to an exercise link: find the bundle (URL, stored copy), find or start
 * the attempt, hold it against other tabs, and wire the page's life (visibility,
 * close, focus, the one-second tick) to the session and the autosaver.
 */
import {
  AssayError,
  effectiveLimitMinutes,
  inviteWindow,
  randomId,
  readInvite,
  sha256Hex,
  shownOrder,
  type AttemptEvent,
  type AttemptKey,
  type AttemptRecord,
  type Candidate,
  type Embedded,
  type InviteClaims,
  type LoadedBundle,
  loadBundleText,
} from '../core/index.ts';
import { loadBundleFromUrl } from '../lib/load-bundle.ts';
import { prewarmMarkdown } from '../lib/markdown.ts';
import { slug } from '../lib/download.ts';
import type { AttemptSnapshot, CandidateStore } from '../storage/index.ts';
import { Announcer } from './announcer.svelte.ts';
import type { AttemptSession } from './attempt-session.svelte.ts';
import type { Autosaver } from './autosaver.svelte.ts';
import { createTabLock, type TabLock } from './tab-lock.ts';

const HANDOVER_TIMEOUT_MS = 2000;

/** Every markdown text of a bundle's tasks, in the order a candidate meets them. */
function bundleTexts({ bundle }: LoadedBundle): string[] {
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
}

/**
 * The attempt's own code is a separate chunk: the start screen does not wait for
 * it. It is fetched once the candidate starts filling in the start form (and at the
 * latest when they press Start), or at once when an attempt is resumed.
 */
export function loadExerciseState() {
  return Promise.all([import('./attempt-session.svelte.ts'), import('./autosaver.svelte.ts')]).then(
    ([session, saver]) => ({ AttemptSession: session.AttemptSession, Autosaver: saver.Autosaver }),
  );
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

  #store: CandidateStore;
  #options: TakeOptions;
  #lock: TabLock | null = null;
  #cleanup: (() => void)[] = [];
  #unwatch: (() => void) | null = null;
  #channel: BroadcastChannel | null = null;
  #onHandoverDone: (() => void) | null = null;
  #disposed = false;
  #key: AttemptKey | null = null;

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
      const invite = params.invite ? { token: params.invite, claims: readInvite(params.invite) } : null;
      this.invite = invite;
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
          const window = inviteWindow(invite.claims, Math.floor(Date.now() / 1000));
          if (!window.ok)
            throw new AssayError('SCHEMA_INVALID', `${window.message} Ask the hiring team for a new link.`);
        }
        this.phase = 'intro';
        // While the candidate reads the instructions, render the tasks in idle time.
        this.#cleanup.push(prewarmMarkdown(bundleTexts(this.loaded)));
        return;
      }
      await this.#attach(snapshot, true);
    } catch (error) {
      if (this.#disposed) return;
      this.error = error;
      this.phase = 'error';
    }
  }

  /** The candidate confirmed the start screen. An invite sets identity and time limit. */
  async start(candidate: Candidate, extraTimePercent = 0): Promise<void> {
    const loaded = this.loaded;
    if (!loaded || this.phase !== 'intro') return;
    const { bundle, hash } = loaded;
    const invite = this.invite;
    const id = randomId();
    try {
      const { createAttemptKey, chainAnchor } = await loadAttemptCrypto();
      const key = await createAttemptKey();
      const now = Date.now();
      const timeLimitMinutes = invite
        ? invite.claims.dur
        : effectiveLimitMinutes(bundle.timeLimitMinutes, extraTimePercent);
      const record: AttemptRecord = {
        id,
        bundleHash: hash,
        bundleId: bundle.id,
        bundleVersion: bundle.version,
        candidate: { name: candidate.name.trim(), email: candidate.email.trim() },
        startedAt: now,
        timeLimitMinutes,
        timePolicy: bundle.timePolicy,
        shownOrder: Object.fromEntries(
          bundle.tasks.map((t) => [
            t.id,
            shownOrder(
              t.outputs.map((o) => o.id),
              bundle.shuffleOutputs,
              `${id}/${t.id}`,
            ),
          ]),
        ),
        status: 'in-progress',
        submittedAt: null,
        autoSubmitted: false,
        fields: {},
        nextSeq: 1,
        lastTMono: 0,
        updatedAt: now,
        inviteToken: invite?.token ?? null,
        inviteJti: invite?.claims.jti ?? null,
        keyStorage: 'indexeddb',
      };
      const first: AttemptEvent = {
        seq: 0,
        type: 'attempt.start',
        tMono: 0,
        tWall: new Date(now).toISOString(),
        data: {
          bundleId: bundle.id,
          timeLimitMinutes,
          extraTimePercent: invite ? null : extraTimePercent,
          keyId: key.kid,
          invited: invite !== null,
        },
        prev: chainAnchor(hash, invite?.token),
      };
      const snapshot = await this.#store.createAttempt(record, [first]);
      if (snapshot.record.id === id && (await this.#keepKey(id, key)) === 'memory')
        snapshot.record.keyStorage = 'memory';
      await this.#attach(snapshot, snapshot.record.id !== id);
    } catch (error) {
      this.error = error;
      this.phase = 'error';
    }
  }

  /**
   * Continue in this tab; the other tab turns read-only. The other tab is asked
   * first to save what it has and let go (a clean handover); if it does not answer
   * within two seconds (frozen, or in the background) the lock is taken anyway, and
   * any late save it makes is merged field by field by revision.
   */
  async takeOver(): Promise<void> {
    const session = this.session;
    if (!session || !this.#lock) return;
    const released = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, HANDOVER_TIMEOUT_MS);
      this.#onHandoverDone = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#channel?.postMessage({ type: 'handover-request' });
    await released;
    this.#onHandoverDone = null;
    if (!(await this.#lock.acquire())) await this.#lock.steal();
    const snapshot = await this.#replayJournal(session.record.id);
    if (!snapshot) return;
    session.takeOver(snapshot.record, snapshot.events);
    this.saver?.resume();
    this.inOtherTab = false;
    this.lostToOtherTab = false;
  }

  /**
   * Builds the result file (a draft until submitted), signs it with the attempt's
   * key and, where the invite or bundle names the hiring team's key, encrypts it
   * to that key. Remembers the file and its SHA-256 for the page to show.
   */
  async exportResult(): Promise<ExportedFile | null> {
    const session = this.session;
    if (!session) return null;
    this.exporting = true;
    this.exportError = null;
    try {
      const { signResult, encryptResultFile } = await loadAttemptCrypto();
      const key = this.#key ?? (await this.#ensureKey(session));
      const signed = await signResult(session.toResult(this.#options.appVersion), key);
      let text = `${JSON.stringify(signed, null, 2)}\n`;
      const recipient = this.invite?.claims.rcpt ?? this.loaded?.bundle.recipientKey ?? null;
      const encryptedTo = recipient ? (this.loaded?.bundle.issuer ?? 'the hiring team') : null;
      if (recipient) text = await encryptResultFile(text, recipient);
      const sha256 = await sha256Hex(text);
      const stamp = signed.timing.exportedAt.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
      const base = `assay-result_${signed.bundle.id}_${slug(signed.candidate.name)}_${stamp}${signed.status === 'draft' ? '_draft' : ''}`;
      const filename = recipient ? `${base}.assay-result.jwe` : `${base}.json`;
      const file: ExportedFile = { filename, text, sha256, status: signed.status, encryptedTo };
      this.lastExport = file;
      void this.saver?.flush();
      return file;
    } catch (error) {
      this.exportError = error;
      return null;
    } finally {
      this.exporting = false;
    }
  }

  /** Stores a new attempt key, or keeps it in memory when the browser refuses. */
  async #keepKey(attemptId: string, key: AttemptKey): Promise<'indexeddb' | 'memory'> {
    this.#key = key;
    const storage = await this.#store.saveAttemptKey({
      attemptId,
      kid: key.kid,
      privateKey: key.privateKey,
      publicJwk: key.publicJwk,
      createdAt: Date.now(),
    });
    if (storage === 'memory') await this.#store.setKeyStorage(attemptId, 'memory').catch(() => {});
    return storage;
  }

  /**
   * The attempt's key: the stored one, or, where the browser could not keep it
   * (memory only, then a reload), a new one; the log records the new key so the
   * chain goes on and the verifier knows both.
   */
  async #ensureKey(session: AttemptSession): Promise<AttemptKey> {
    if (this.#key) return this.#key;
    const stored = await this.#store.loadAttemptKey(session.record.id);
    if (stored) {
      this.#key = { privateKey: stored.privateKey, publicJwk: stored.publicJwk, kid: stored.kid };
      return this.#key;
    }
    const { createAttemptKey } = await loadAttemptCrypto();
    const key = await createAttemptKey();
    const storage = await this.#keepKey(session.record.id, key);
    session.logKeyCreated(
      key.kid,
      storage === 'memory' ? 'the browser could not store the previous key' : 'no stored key',
    );
    if (storage === 'memory') session.setKeyStorage('memory');
    return key;
  }

  submit(): void {
    this.session?.submit(false);
    void this.saver?.flush();
  }

  dispose(): void {
    this.#disposed = true;
    this.saver?.flushNow();
    for (const undo of this.#cleanup.splice(0)) undo();
    this.#unwatch?.();
    this.#channel?.close();
    this.#lock?.release();
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

  async #replayJournal(attemptId: string): Promise<AttemptSnapshot | null> {
    const journal = this.#store.readJournal(attemptId);
    if (journal) {
      await this.#store.save(attemptId, journal);
      this.#store.clearJournal(attemptId);
    }
    return this.#store.loadSnapshot(attemptId);
  }

  async #attach(initial: AttemptSnapshot, resumed: boolean): Promise<void> {
    const attemptId = initial.record.id;
    const loaded = this.loaded as LoadedBundle;
    const { AttemptSession, Autosaver } = await loadExerciseState();
    this.#lock = createTabLock(`assay:${this.#store.dbName}:${attemptId}`, () => void this.#lost());
    const held = await this.#lock.acquire();
    const snapshot = held ? ((await this.#replayJournal(attemptId)) ?? initial) : initial;
    const saver = new Autosaver({
      write: (batch) => this.#store.save(attemptId, batch),
      journal: (batch) => this.#store.writeJournal(attemptId, batch),
      persistent: this.#store.persistent,
      ...(this.#options.onCommit ? { onCommit: this.#options.onCommit } : {}),
    });
    const announcer = this.#options.announcer;
    const session = new AttemptSession(loaded.bundle, loaded.hash, snapshot.record, snapshot.events, saver, {
      announce: (text) => announcer.say(text),
    });
    this.saver = saver;
    this.session = session;
    this.#openChannel(attemptId);
    this.#watch(attemptId);
    if (!held) {
      session.becomeReadOnly();
      this.inOtherTab = true;
    } else {
      session.begin(resumed);
      session.tick();
      if (!session.locked) await this.#ensureKey(session).catch(() => {});
    }
    this.#wirePage(session, saver);
    this.phase = 'attempt';
    // Render every task's texts in idle time, so moving between tasks is instant.
    this.#cleanup.push(prewarmMarkdown(bundleTexts(loaded)));
  }

  /** Another tab took the lock without a handover: save what is left, then show read-only. */
  async #lost(): Promise<void> {
    const session = this.session;
    if (!session) return;
    await this.saver?.stop();
    session.becomeReadOnly();
    this.lostToOtherTab = true;
  }

  /** Another tab asks to continue: save everything, let go of the lock, then say so. */
  async #handOver(): Promise<void> {
    const session = this.session;
    if (!session || session.readOnly) return;
    await this.saver?.stop();
    session.becomeReadOnly();
    this.lostToOtherTab = true;
    this.#lock?.release();
    this.#channel?.postMessage({ type: 'handover-done' });
  }

  /**
   * Follows the stored attempt: a read-only tab shows what the editing tab saves;
   * the editing tab merges any field stored with a newer revision than its own
   * (a late save from a tab it took over from).
   */
  #watch(attemptId: string): void {
    this.#unwatch?.();
    this.#unwatch = this.#store.watchAttempt(attemptId, (record) => {
      const session = this.session;
      if (!session) return;
      if (session.readOnly) session.applyStored(record);
      else session.mergeNewer(record);
    });
  }

  #openChannel(attemptId: string): void {
    if (typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(`assay:${this.#store.dbName}:${attemptId}`);
    this.#channel.onmessage = (event: MessageEvent<{ type?: string }>) => {
      if (event.data?.type === 'handover-request') void this.#handOver();
      else if (event.data?.type === 'handover-done') this.#onHandoverDone?.();
    };
  }

  #wirePage(session: AttemptSession, saver: Autosaver): void {
    const onVisibility = () => {
      const visible = document.visibilityState === 'visible';
      session.setVisible(visible);
      if (!visible) saver.flushNow();
    };
    const onPageHide = () => saver.flushNow();
    const onBlur = () => session.setWindowFocused(false);
    const onFocus = () => session.setWindowFocused(true);
    document.addEventListener('visibilitychange', onVisibility);
    addEventListener('pagehide', onPageHide);
    addEventListener('blur', onBlur);
    addEventListener('focus', onFocus);
    const interval = setInterval(() => session.tick(), 1000);
    this.#cleanup.push(() => {
      document.removeEventListener('visibilitychange', onVisibility);
      removeEventListener('pagehide', onPageHide);
      removeEventListener('blur', onBlur);
      removeEventListener('focus', onFocus);
      clearInterval(interval);
    });
    if (document.visibilityState !== 'visible') session.setVisible(false);
  }
}
