/**
 * Autosave: every change is queued here and written within half a second.
 *
 * - Debounced: a write starts 200 ms after the last change, and never later than
 *   400 ms after the first unsaved one, so a typing candidate is saved while typing.
 * - One write at a time; changes made during a write go in the next one.
 * - `flushNow()` (page hidden, closing) writes the pending and in-flight changes to
 *   the synchronous journal first, then starts a write at once.
 * - A failed write keeps its changes queued and retries with back-off; the status
 *   says so until a write succeeds. Nothing on screen is dropped.
 */
import type { AttemptEvent, FieldPatch } from '../core/index.ts';
import type { SaveBatch } from '../storage/index.ts';
import { toStorageError, type StorageError } from '../storage/index.ts';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'memory';

export interface AutosaverOptions {
  write: (batch: SaveBatch) => Promise<void>;
  journal: (batch: SaveBatch) => boolean;
  /** False when writes only reach memory: the status then says "not saved". */
  persistent: boolean;
  delayMs?: number;
  maxWaitMs?: number;
  /** Called after each successful write with its duration, for the benchmark. */
  onCommit?: (ms: number) => void;
}

const RETRY_MS = [1000, 3000, 10_000, 30_000];

export class Autosaver {
  status = $state<SaveStatus>('saved');
  error = $state.raw<StorageError | null>(null);
  lastSavedAt = $state<number | null>(null);

  #options: Required<Omit<AutosaverOptions, 'onCommit'>> & Pick<AutosaverOptions, 'onCommit'>;
  #patches = new Map<string, FieldPatch>();
  #events: AttemptEvent[] = [];
  #submit: SaveBatch['submit'];
  #inFlight: SaveBatch | null = null;
  #running: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #firstPendingAt: number | null = null;
  #failures = 0;
  #stopped = false;

  constructor(options: AutosaverOptions) {
    this.#options = { delayMs: 200, maxWaitMs: 400, ...options };
    if (!options.persistent) this.status = 'memory';
  }

  get hasUnsaved(): boolean {
    return this.#patches.size > 0 || this.#events.length > 0 || this.#submit !== undefined || this.#inFlight !== null;
  }

  queuePatch(patch: FieldPatch): void {
    const current = this.#patches.get(patch.key);
    if (!current || current.rev < patch.rev) this.#patches.set(patch.key, patch);
    this.#changed();
  }

  queueEvent(event: AttemptEvent): void {
    this.#events.push(event);
    this.#changed();
  }

  queueSubmit(submit: NonNullable<SaveBatch['submit']>): void {
    this.#submit ??= submit;
    this.#changed();
  }

  /** Writes everything queued now and resolves when it is stored (or has failed). */
  async flush(): Promise<void> {
    this.#clearTimer();
    while (this.#running) await this.#running;
    if (!this.#hasPending()) return;
    this.#running = this.#write().finally(() => (this.#running = null));
    await this.#running;
  }

  /** For page hide and close: journal synchronously, then start a write. */
  flushNow(): void {
    const batch = this.#snapshot(true);
    if (batch.patches.length > 0 || batch.events.length > 0 || batch.submit) this.#options.journal(batch);
    void this.flush();
  }

  /** Stop writing (this tab lost the attempt to another); queued changes are flushed first. */
  async stop(): Promise<void> {
    await this.flush();
    this.#stopped = true;
    this.#clearTimer();
  }

  resume(): void {
    this.#stopped = false;
  }

  #hasPending(): boolean {
    return this.#patches.size > 0 || this.#events.length > 0 || this.#submit !== undefined;
  }

  #changed(): void {
    if (this.#stopped) return;
    if (this.status !== 'error' && this.status !== 'memory') this.status = 'pending';
    const now = Date.now();
    this.#firstPendingAt ??= now;
    this.#clearTimer();
    if (this.#failures > 0) return this.#schedule(RETRY_MS[Math.min(this.#failures, RETRY_MS.length) - 1] ?? 30_000);
    const wait = Math.min(this.#options.delayMs, this.#firstPendingAt + this.#options.maxWaitMs - now);
    this.#schedule(Math.max(0, wait));
  }

  #schedule(ms: number): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #snapshot(includeInFlight: boolean): SaveBatch {
    const patches = [...this.#patches.values()];
    const events = [...this.#events];
    if (includeInFlight && this.#inFlight) {
      patches.unshift(...this.#inFlight.patches);
      events.unshift(...this.#inFlight.events);
    }
    const submit = this.#submit ?? (includeInFlight ? this.#inFlight?.submit : undefined);
    return { patches, events, ...(submit ? { submit } : {}) };
  }

  async #write(): Promise<void> {
    const batch = this.#snapshot(false);
    this.#patches.clear();
    this.#events = [];
    this.#submit = undefined;
    this.#firstPendingAt = null;
    this.#inFlight = batch;
    if (this.status !== 'memory') this.status = 'saving';
    const started = performance.now();
    try {
      await this.#options.write(batch);
      const ended = performance.now();
      this.#options.onCommit?.(ended - started);
      // A User Timing entry per commit, read by `npm run bench` (p95 autosave time).
      performance.measure?.('assay:autosave', { start: started, end: ended });
      this.#failures = 0;
      this.error = null;
      this.lastSavedAt = Date.now();
      if (this.status !== 'memory') this.status = this.#hasPending() ? 'pending' : 'saved';
    } catch (error) {
      // Put the batch back in front of anything queued meanwhile (newer revisions win).
      for (const patch of batch.patches) {
        const queued = this.#patches.get(patch.key);
        if (!queued || queued.rev < patch.rev) this.#patches.set(patch.key, patch);
      }
      this.#events = [...batch.events, ...this.#events];
      this.#submit ??= batch.submit;
      this.#failures++;
      this.error = toStorageError(error);
      this.status = 'error';
      this.#options.journal(this.#snapshot(false));
    } finally {
      this.#inFlight = null;
    }
    if (this.#hasPending() && !this.#stopped) this.#changed();
  }
}
