/**
 * The attempt on screen, once there is one: its tab lock and hand-over between tabs,
 * the autosaver and the page's life (visibility, close, focus, the one-second tick),
 * the attempt's signing key, and the result file. Part of the exercise chunk: the
 * start screen (TakeController) loads it when the candidate starts or resumes, and
 * it writes what the screens show into the controller's state.
 */
import {
  effectiveLimitMinutes,
  randomId,
  sha256Hex,
  shownOrder,
  type AttemptEvent,
  type AttemptKey,
  type AttemptRecord,
  type Candidate,
  type LoadedBundle,
} from '../core/index.ts';
import { slug } from '../lib/download.ts';
import { prewarmMarkdown } from '../lib/markdown.ts';
import { applyBatch } from '../storage/apply-batch.ts';
import {
  keptInThisTabOnly,
  memoryStore,
  toStorageError,
  type AttemptSnapshot,
  type CandidateStore,
  type SaveBatch,
} from '../storage/index.ts';
import { AttemptSession } from './attempt-session.svelte.ts';
import { Autosaver } from './autosaver.svelte.ts';
import { createTabLock, type TabLock } from './tab-lock.ts';
import {
  bundleTexts,
  loadAttemptCrypto,
  type ExportedFile,
  type TakeController,
  type TakeOptions,
} from './take-controller.svelte.ts';

const HANDOVER_TIMEOUT_MS = 2000;

export class AttemptRun {
  #host: TakeController;
  #store: CandidateStore;
  #options: TakeOptions;
  #lock: TabLock | null = null;
  #cleanup: (() => void)[] = [];
  #unwatch: (() => void) | null = null;
  #channel: BroadcastChannel | null = null;
  #onHandoverDone: (() => void) | null = null;
  #key: AttemptKey | null = null;

  constructor(host: TakeController, store: CandidateStore, options: TakeOptions) {
    this.#host = host;
    this.#store = store;
    this.#options = options;
  }

  /** Creates the attempt and shows it. An invite sets identity and time limit. */
  async start(candidate: Candidate, extraTimePercent = 0): Promise<void> {
    const loaded = this.#host.loaded;
    if (!loaded) return;
    const { bundle, hash } = loaded;
    const invite = this.#host.invite;
    const id = randomId();
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
    const snapshot = await this.#create(record, first);
    if (snapshot.record.id === id && (await this.#keepKey(id, key)) === 'memory') snapshot.record.keyStorage = 'memory';
    await this.attach(snapshot, snapshot.record.id !== id);
  }

  /**
   * Stores the new attempt or, when the browser cannot (storage full), keeps it in
   * this tab's memory: the candidate can always start, and the banner says what is
   * kept (this tab, until it is closed) and to export.
   */
  async #create(record: AttemptRecord, first: AttemptEvent): Promise<AttemptSnapshot> {
    try {
      return await this.#store.createAttempt(record, [first]);
    } catch (error) {
      if (!this.#store.persistent) throw error;
      const problem = keptInThisTabOnly(toStorageError(error));
      const loaded = this.#host.loaded as LoadedBundle;
      this.#store = await memoryStore(this.#store.dbName);
      await this.#store.putBundle(loaded);
      const snapshot = await this.#store.createAttempt(record, [first]);
      this.#host.inMemory = true;
      this.#options.onStorageProblem?.(problem);
      return snapshot;
    }
  }

  /**
   * Writes the attempt on screen back after the database was closed under this
   * page and opened again (deleted from another tab, site data cleared): the
   * bundle, the record and every event, the signing key, then what the autosave
   * has queued. A read-only tab leaves that to the tab that edits.
   */
  async restoreStored(): Promise<void> {
    const session = this.#host.session;
    const loaded = this.#host.loaded;
    const saver = this.#host.saver;
    if (!session || !loaded || !saver || session.readOnly || !this.#store.persistent) return;
    await this.#store.putBundle(loaded, this.#host.source ?? undefined);
    await this.#store.restoreAttempt(session.stored());
    if (this.#key) await this.#keepKey(session.record.id, this.#key);
    this.#watch(session.record.id);
    await saver.flush();
    if (saver.error) throw saver.error;
  }

  /**
   * Continue in this tab; the other tab turns read-only. The other tab is asked
   * first to save what it has and let go (a clean handover); if it does not answer
   * within two seconds (frozen, or in the background) the lock is taken anyway, and
   * any late save it makes is merged field by field by revision.
   */
  async takeOver(): Promise<void> {
    const session = this.#host.session;
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
    const replayed = await this.#replayJournal(session.record.id);
    if (!replayed) return;
    session.takeOver(replayed.snapshot.record, replayed.snapshot.events);
    this.#host.saver?.resume();
    if (replayed.unsaved) this.#queue(replayed.unsaved);
    this.#host.inOtherTab = false;
    this.#host.lostToOtherTab = false;
  }

  /**
   * Builds the result file (a draft until submitted), signs it with the attempt's
   * key and, where the invite or bundle names the hiring team's key, encrypts it
   * to that key. Remembers the file and its SHA-256 for the page to show.
   */
  async exportResult(): Promise<ExportedFile | null> {
    const session = this.#host.session;
    if (!session) return null;
    this.#host.exporting = true;
    this.#host.exportError = null;
    try {
      const { signResult, encryptResultFile } = await loadAttemptCrypto();
      const key = this.#key ?? (await this.#ensureKey(session));
      const signed = await signResult(session.toResult(this.#options.appVersion), key);
      let text = `${JSON.stringify(signed, null, 2)}\n`;
      const recipient = this.#host.invite?.claims.rcpt ?? this.#host.loaded?.bundle.recipientKey ?? null;
      const encryptedTo = recipient ? (this.#host.loaded?.bundle.issuer ?? 'the hiring team') : null;
      if (recipient) text = await encryptResultFile(text, recipient);
      const sha256 = await sha256Hex(text);
      const stamp = signed.timing.exportedAt.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
      const base = `assay-result_${signed.bundle.id}_${slug(signed.candidate.name)}_${stamp}${signed.status === 'draft' ? '_draft' : ''}`;
      const filename = recipient ? `${base}.assay-result.jwe` : `${base}.json`;
      const file: ExportedFile = { filename, text, sha256, status: signed.status, encryptedTo };
      this.#host.lastExport = file;
      void this.#host.saver?.flush();
      return file;
    } catch (error) {
      this.#host.exportError = error;
      return null;
    } finally {
      this.#host.exporting = false;
    }
  }

  /**
   * Stores a new attempt key, or keeps it in memory when the browser refuses (it
   * cannot store a CryptoKey, or storage is full: a later page then makes a new
   * key and logs it, see #ensureKey).
   */
  async #keepKey(attemptId: string, key: AttemptKey): Promise<'indexeddb' | 'memory'> {
    this.#key = key;
    const storage = await this.#store
      .saveAttemptKey({
        attemptId,
        kid: key.kid,
        privateKey: key.privateKey,
        publicJwk: key.publicJwk,
        createdAt: Date.now(),
      })
      .catch(() => 'memory' as const);
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

  /**
   * The stored attempt with the journal an earlier page left merged in. When the
   * journal cannot be written now (storage full), it is kept, shown (merged into
   * the snapshot) and handed back as `unsaved` for the autosave to retry: the
   * candidate resumes with every word, and the status says what is not saved.
   */
  async #replayJournal(attemptId: string): Promise<{ snapshot: AttemptSnapshot; unsaved: SaveBatch | null } | null> {
    const journal = this.#store.readJournal(attemptId);
    if (journal) {
      try {
        await this.#store.save(attemptId, journal);
        this.#store.clearJournal(attemptId);
      } catch {
        const snapshot = await this.#store.loadSnapshot(attemptId);
        return snapshot && { snapshot: applyBatch(snapshot, journal), unsaved: journal };
      }
    }
    const snapshot = await this.#store.loadSnapshot(attemptId);
    return snapshot && { snapshot, unsaved: null };
  }

  #queue(batch: SaveBatch): void {
    const saver = this.#host.saver;
    if (!saver) return;
    for (const patch of batch.patches) saver.queuePatch(patch);
    for (const event of batch.events) saver.queueEvent(event);
    if (batch.submit) saver.queueSubmit(batch.submit);
  }

  /** Shows an attempt: one just created, or a stored one (resumed). */
  async attach(initial: AttemptSnapshot, resumed: boolean): Promise<void> {
    const attemptId = initial.record.id;
    const loaded = this.#host.loaded as LoadedBundle;
    this.#lock = createTabLock(`assay:${this.#store.dbName}:${attemptId}`, () => void this.#lost());
    const held = await this.#lock.acquire();
    const replayed = held ? await this.#replayJournal(attemptId) : null;
    const snapshot = replayed?.snapshot ?? initial;
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
    this.#host.saver = saver;
    this.#host.session = session;
    this.#openChannel(attemptId);
    this.#watch(attemptId);
    if (!held) {
      session.becomeReadOnly();
      this.#host.inOtherTab = true;
    } else {
      session.begin(resumed);
      session.tick();
      if (!session.locked) await this.#ensureKey(session).catch(() => {});
    }
    if (replayed?.unsaved) this.#queue(replayed.unsaved);
    this.#wirePage(session, saver);
    this.#host.phase = 'attempt';
    // Render every task's texts in idle time, so moving between tasks is instant.
    this.#cleanup.push(prewarmMarkdown(bundleTexts(loaded)));
  }

  /** Another tab took the lock without a handover: save what is left, then show read-only. */
  async #lost(): Promise<void> {
    const session = this.#host.session;
    if (!session) return;
    await this.#host.saver?.stop();
    session.becomeReadOnly();
    this.#host.lostToOtherTab = true;
  }

  /** Another tab asks to continue: save everything, let go of the lock, then say so. */
  async #handOver(): Promise<void> {
    const session = this.#host.session;
    if (!session || session.readOnly) return;
    await this.#host.saver?.stop();
    session.becomeReadOnly();
    this.#host.lostToOtherTab = true;
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
      const session = this.#host.session;
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

  dispose(): void {
    this.#host.saver?.flushNow();
    for (const undo of this.#cleanup.splice(0)) undo();
    this.#unwatch?.();
    this.#channel?.close();
    this.#lock?.release();
  }
}
