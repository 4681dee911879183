/**
 * The attempt in progress: answers, ranking, navigation, time and the event log.
 *
 * It knows nothing of storage: every change goes to the injected `AttemptSink`
 * (the autosaver), and `applyStored` takes changes made by another tab. Answers
 * are kept as revisioned fields (core/attempt/fields) so that saving can merge
 * field by field and never put older text over newer.
 */
import {
  buildResult,
  chainAnchor,
  entryHash,
  crossedWarnings,
  deadlineOf,
  fieldKey,
  maxRev,
  missingForTask,
  outputLabels,
  pasteSource,
  readTaskAnswer,
  RevisionClock,
  timerState,
  type AttemptEvent,
  type AttemptRecord,
  type Bundle,
  type EventData,
  type EventType,
  type FieldPatch,
  type Fields,
  type MissingItem,
  type Result,
  type TaskAnswer,
  type TimerState,
} from '../core/index.ts';

export interface AttemptSink {
  queuePatch(patch: FieldPatch): void;
  queueEvent(event: AttemptEvent): void;
  queueSubmit(submit: { submittedAt: number; autoSubmitted: boolean }): void;
}

export interface SessionClock {
  /** Wall-clock milliseconds. */
  now: () => number;
  /** Monotonic milliseconds (performance.now()). */
  mono: () => number;
}

const defaultClock: SessionClock = { now: () => Date.now(), mono: () => performance.now() };
const REVIEW = -1;

export class AttemptSession {
  readonly bundle: Bundle;
  readonly bundleHash: string;
  readonly record: Readonly<Omit<AttemptRecord, 'fields' | 'status' | 'submittedAt' | 'autoSubmitted'>>;

  fields = $state<Fields>({});
  status = $state<'in-progress' | 'submitted'>('in-progress');
  submittedAt = $state<number | null>(null);
  autoSubmitted = $state(false);
  /** Another tab holds this attempt: show it, do not change it. */
  readOnly = $state(false);
  /** A time warning to show until dismissed ("5 minutes left…"). */
  notice = $state<string | null>(null);
  /** Updated by the clock's tick; drives the timer display. */
  now = $state(0);

  readonly timer: TimerState = $derived.by(() =>
    timerState(this.record.startedAt, this.record.timeLimitMinutes, this.record.timePolicy, this.now),
  );
  readonly locked: boolean = $derived(this.status === 'submitted' || this.readOnly);
  /** Index of the task on screen, or -1 for the review page. */
  readonly currentTask: number = $derived(this.#readCurrentTask());
  readonly missing: MissingItem[][] = $derived.by(() => this.bundle.tasks.map((task) => this.#missingFor(task.id)));
  readonly missingCount: number = $derived(this.missing.reduce((n, items) => n + items.length, 0));

  #sink: AttemptSink;
  #clock: SessionClock;
  #revisions: RevisionClock;
  #events: AttemptEvent[];
  #seq: number;
  #lastTMono: number;
  /** Hash of the last event: the next event's `prev`. */
  #chainTail: string;
  #keyStorage: 'indexeddb' | 'memory';
  #monoBase: number;
  #monoStart: number;
  #activeTask: string | null = null;
  #activeSince: number | null = null;
  #visible = true;
  #focused = true;
  #onAnnounce: (text: string) => void;

  constructor(
    bundle: Bundle,
    bundleHash: string,
    record: AttemptRecord,
    events: AttemptEvent[],
    sink: AttemptSink,
    options: { clock?: SessionClock; announce?: (text: string) => void } = {},
  ) {
    const { fields, status, submittedAt, autoSubmitted, ...meta } = record;
    this.bundle = bundle;
    this.bundleHash = bundleHash;
    this.record = meta;
    this.fields = fields;
    this.status = status;
    this.submittedAt = submittedAt;
    this.autoSubmitted = autoSubmitted;
    this.#sink = sink;
    this.#clock = options.clock ?? defaultClock;
    this.#onAnnounce = options.announce ?? (() => {});
    this.#revisions = new RevisionClock(maxRev(fields), this.#clock.now);
    this.#events = [...events].sort((a, b) => a.seq - b.seq);
    this.#seq = Math.max(record.nextSeq, (this.#events.at(-1)?.seq ?? -1) + 1);
    this.#lastTMono = Math.max(record.lastTMono, this.#events.at(-1)?.tMono ?? 0);
    this.#chainTail = this.#tailOf(this.#events);
    this.#keyStorage = record.keyStorage;
    // tMono continues across reloads: it starts from the later of the last logged
    // monotonic time and the wall time since the start, and then follows performance.now().
    this.#monoBase = Math.max(this.#lastTMono, this.#clock.now() - record.startedAt);
    this.#monoStart = this.#clock.mono();
    this.now = this.#clock.now();
  }

  get events(): readonly AttemptEvent[] {
    return this.#events;
  }

  get deadline(): number {
    return deadlineOf(this.record.startedAt, this.record.timeLimitMinutes);
  }

  // ── reading answers ────────────────────────────────────────────────────────

  taskAnswer(taskId: string): TaskAnswer {
    const task = this.#task(taskId);
    return readTaskAnswer(this.bundle, task, this.fields);
  }

  shownOrder(taskId: string): string[] {
    return this.record.shownOrder[taskId] ?? this.#task(taskId).outputs.map((o) => o.id);
  }

  labels(taskId: string): Record<string, string> {
    return outputLabels(this.shownOrder(taskId));
  }

  /** The ranking on screen: the candidate's, or the shown order until they rank. */
  displayedRanking(taskId: string): string[] {
    const value = this.fields[fieldKey.ranking(taskId)]?.value;
    const order = this.shownOrder(taskId);
    if (Array.isArray(value) && value.length === order.length && order.every((id) => value.includes(id)))
      return value as string[];
    return order;
  }

  isRanked(taskId: string): boolean {
    return this.taskAnswer(taskId).ranking !== null;
  }

  critique(taskId: string, outputId: string): string {
    const value = this.fields[fieldKey.critique(taskId, outputId)]?.value;
    return typeof value === 'string' ? value : '';
  }

  // ── changing answers ───────────────────────────────────────────────────────

  setCritique(taskId: string, outputId: string, text: string): void {
    this.#set(fieldKey.critique(taskId, outputId), text);
  }

  toggleCategory(taskId: string, outputId: string, categoryId: string): void {
    if (!this.bundle.taxonomy.some((c) => c.id === categoryId)) return;
    const current = this.taskAnswer(taskId).outputs[outputId]?.categories ?? [];
    const next = current.includes(categoryId) ? current.filter((c) => c !== categoryId) : [...current, categoryId];
    this.#set(fieldKey.categories(taskId, outputId), next);
    if (next.length > 0 && this.taskAnswer(taskId).outputs[outputId]?.noIssues)
      this.#set(fieldKey.noIssues(taskId, outputId), false);
  }

  setNoIssues(taskId: string, outputId: string, noIssues: boolean): void {
    this.#set(fieldKey.noIssues(taskId, outputId), noIssues);
    if (noIssues) {
      this.#set(fieldKey.categories(taskId, outputId), []);
      this.#set(fieldKey.severity(taskId, outputId), null);
    }
  }

  setSeverity(taskId: string, outputId: string, severityId: string | null): void {
    if (severityId !== null && !this.bundle.severities.some((s) => s.id === severityId)) return;
    this.#set(fieldKey.severity(taskId, outputId), severityId);
  }

  /** Moves an output to `toIndex` (0 = best) in the task's ranking. */
  moveOutput(taskId: string, outputId: string, toIndex: number): void {
    if (this.locked) return;
    const ranking = [...this.displayedRanking(taskId)];
    const from = ranking.indexOf(outputId);
    if (from < 0) return;
    const to = Math.max(0, Math.min(ranking.length - 1, toIndex));
    const wasRanked = this.isRanked(taskId);
    if (from === to && wasRanked) return;
    ranking.splice(from, 1);
    ranking.splice(to, 0, outputId);
    this.#setRanking(taskId, ranking);
    const label = this.labels(taskId)[outputId] ?? outputId;
    this.#onAnnounce(`Response ${label} moved to position ${to + 1} of ${ranking.length}.`);
  }

  /** Accepts the ranking on screen as the candidate's (nothing moved). */
  confirmRanking(taskId: string): void {
    if (this.locked) return;
    this.#setRanking(taskId, [...this.displayedRanking(taskId)]);
    this.#onAnnounce('Ranking confirmed.');
  }

  /**
   * Logs a paste into a critique. Text from this task (a quote of a response, the
   * prompt or the context) is a quote, logged as such and not a signal; anything else
   * is an outside paste. Only the length is kept, never the text.
   */
  recordPaste(taskId: string, outputId: string, text: string): void {
    if (this.locked) return;
    const source = pasteSource(text, this.#task(taskId));
    const length = text.length;
    if (source.kind === 'outside') this.#log('critique.paste', { taskId, outputId, length });
    else
      this.#log('critique.quote', {
        taskId,
        outputId,
        length,
        from: source.kind,
        ...(source.kind === 'response' ? { fromOutputId: source.outputId } : {}),
      });
  }

  // ── navigation and time ────────────────────────────────────────────────────

  /** Opens task `index`, or the review page with -1. */
  goTo(index: number): void {
    if (index !== REVIEW && (index < 0 || index >= this.bundle.tasks.length)) return;
    const previous = this.currentTask;
    if (previous === index) return;
    this.#leaveTask();
    this.#setNav(index);
    this.#enterTask();
  }

  /** The attempt is on screen (after load, or after a takeover): log and start counting. */
  begin(resumed: boolean): void {
    if (resumed && this.status === 'in-progress') this.#log('attempt.resume', { taskIndex: this.currentTask });
    this.#enterTask();
  }

  setVisible(visible: boolean): void {
    if (visible === this.#visible) return;
    this.#visible = visible;
    this.#setFocus(visible && this.#focused);
    if (!visible) this.#accrue(true);
    else if (this.#activeTask && this.status === 'in-progress') this.#activeSince = this.#clock.mono();
  }

  setWindowFocused(focused: boolean): void {
    this.#focused = focused;
    this.#setFocus(focused && this.#visible);
  }

  /** Called every second: timer, warnings, hard deadline, active-time checkpoint. */
  tick(): void {
    const previous = this.now;
    this.now = this.#clock.now();
    if (this.status !== 'in-progress' || this.readOnly) return;
    const hard = this.record.timePolicy === 'hard';
    for (const threshold of crossedWarnings(this.deadline, previous, this.now)) {
      const minutes = threshold / 60_000;
      this.#log('deadline.warning', { minutesLeft: minutes });
      this.notice = `${minutes} minute${minutes === 1 ? '' : 's'} left. ${
        hard
          ? 'At the deadline your answers lock and are submitted as saved.'
          : 'After the deadline, overtime is recorded.'
      }`;
      this.#onAnnounce(this.notice);
    }
    if (this.now >= this.deadline && !this.#events.some((e) => e.type === 'deadline.reached')) {
      this.#log('deadline.reached', { policy: this.record.timePolicy });
      this.notice = hard
        ? 'Time is up. Your answers are locked and submitted.'
        : 'Time is up. You may finish; the overtime is recorded.';
      this.#onAnnounce(this.notice);
    }
    if (this.record.timePolicy === 'hard' && this.now >= this.deadline) this.submit(true);
    else this.#accrue(false, 5000);
  }

  /** Submits the attempt; answers lock. `auto` when a hard deadline does it. */
  submit(auto = false): void {
    if (this.status !== 'in-progress' || this.readOnly) return;
    this.#accrue(true);
    this.#activeTask = null;
    const submittedAt = auto ? Math.min(this.#clock.now(), this.deadline) : this.#clock.now();
    this.#log('attempt.submit', { auto, missing: this.missingCount });
    this.status = 'submitted';
    this.submittedAt = submittedAt;
    this.autoSubmitted = auto;
    this.#sink.queueSubmit({ submittedAt, autoSubmitted: auto });
  }

  /** The result file's object as of now (a draft until submitted). */
  toResult(appVersion: string): Result {
    this.#accrue(false);
    this.#log('result.export', { status: this.status === 'submitted' ? 'submitted' : 'draft' });
    return buildResult(this.bundle, this.bundleHash, this.#recordNow(), this.#events, {
      now: this.#clock.now(),
      appVersion,
    });
  }

  /**
   * The whole attempt as this page holds it, to store it again when its stored copy
   * went (site data cleared, the database deleted in another tab).
   */
  stored(): { record: AttemptRecord; events: AttemptEvent[] } {
    return { record: { ...this.#recordNow(), updatedAt: this.#clock.now() }, events: [...this.#events] };
  }

  #recordNow(): AttemptRecord {
    return {
      ...this.record,
      fields: $state.snapshot(this.fields) as Fields,
      status: this.status,
      submittedAt: this.submittedAt,
      autoSubmitted: this.autoSubmitted,
      nextSeq: this.#seq,
      lastTMono: this.#lastTMono,
      keyStorage: this.#keyStorage,
    };
  }

  // ── other tabs ─────────────────────────────────────────────────────────────

  /** Takes the stored state written by another tab (this tab is read-only). */
  applyStored(record: AttemptRecord): void {
    this.fields = record.fields;
    this.status = record.status;
    this.submittedAt = record.submittedAt;
    this.autoSubmitted = record.autoSubmitted;
    this.#revisions.observe(maxRev(record.fields));
  }

  /**
   * Takes the fields stored with a newer revision than this tab's (a late save
   * from a tab this one took over from). Older stored values never replace newer
   * ones on screen.
   */
  mergeNewer(record: AttemptRecord): void {
    for (const [key, stored] of Object.entries(record.fields)) {
      const local = this.fields[key];
      if (!local || stored.rev > local.rev) this.fields[key] = stored;
    }
    this.#revisions.observe(maxRev(record.fields));
  }

  /** Another tab took the attempt over: stop counting and changing. */
  becomeReadOnly(): void {
    this.#accrue(true);
    this.#activeTask = null;
    this.readOnly = true;
  }

  /** This tab takes the attempt over from another; `record` is what is stored now. */
  takeOver(record: AttemptRecord, events: AttemptEvent[]): void {
    this.applyStored(record);
    this.#events = [...events].sort((a, b) => a.seq - b.seq);
    this.#seq = Math.max(record.nextSeq, (this.#events.at(-1)?.seq ?? -1) + 1);
    this.#lastTMono = Math.max(this.#lastTMono, record.lastTMono);
    this.#chainTail = this.#tailOf(this.#events);
    this.readOnly = false;
    this.#log('tab.takeover', {});
    this.#enterTask();
  }

  // ── internals ──────────────────────────────────────────────────────────────

  #task(taskId: string) {
    const task = this.bundle.tasks.find((t) => t.id === taskId);
    if (!task) throw new Error(`unknown task ${taskId}`);
    return task;
  }

  #missingFor(taskId: string): MissingItem[] {
    const task = this.#task(taskId);
    return missingForTask(
      task,
      readTaskAnswer(this.bundle, task, this.fields),
      this.shownOrder(taskId),
      this.labels(taskId),
    );
  }

  #readCurrentTask(): number {
    const value = this.fields[fieldKey.currentTask()]?.value;
    if (value === REVIEW) return REVIEW;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < this.bundle.tasks.length
      ? value
      : 0;
  }

  #set(key: string, value: unknown): void {
    if (this.locked) return;
    const patch = { key, value, rev: this.#revisions.next() };
    this.fields[key] = { value: patch.value, rev: patch.rev };
    this.#sink.queuePatch(patch);
  }

  #setNav(index: number): void {
    // Navigation is saved even after submission, so a reload returns to the same page.
    if (this.readOnly) return;
    const patch = { key: fieldKey.currentTask(), value: index, rev: this.#revisions.next() };
    this.fields[patch.key] = { value: index, rev: patch.rev };
    this.#sink.queuePatch(patch);
  }

  #setRanking(taskId: string, ranking: string[]): void {
    this.#set(fieldKey.ranking(taskId), ranking);
    this.#log('ranking.change', { taskId, ranking });
  }

  #tMono(): number {
    const t = Math.round(this.#monoBase + this.#clock.mono() - this.#monoStart);
    this.#lastTMono = Math.max(this.#lastTMono, t);
    return this.#lastTMono;
  }

  #tailOf(events: readonly AttemptEvent[]): string {
    const last = events.at(-1);
    return last ? entryHash(last) : chainAnchor(this.bundleHash, this.record.inviteToken);
  }

  /** Appends to the hash-chained event log (see core/attempt/event-chain.ts). */
  #log(type: EventType, data: EventData): void {
    if (this.readOnly) return;
    const event: AttemptEvent = {
      seq: this.#seq++,
      type,
      tMono: this.#tMono(),
      tWall: new Date(this.#clock.now()).toISOString(),
      data,
      prev: this.#chainTail,
    };
    this.#chainTail = entryHash(event);
    this.#events.push(event);
    this.#sink.queueEvent(event);
  }

  /** Where the signing key lives, as the result will say. */
  setKeyStorage(keyStorage: 'indexeddb' | 'memory'): void {
    this.#keyStorage = keyStorage;
  }

  /** Records that a new signing key was made (the browser could not keep the old one). */
  logKeyCreated(keyId: string, reason: string): void {
    this.#log('key.created', { keyId, reason });
  }

  #setFocus(focused: boolean): void {
    if (this.status !== 'in-progress' || this.readOnly) return;
    const last = this.#events.findLast((e) => e.type === 'focus.lost' || e.type === 'focus.regained');
    const isLost = last?.type === 'focus.lost';
    if (!focused && !isLost) this.#log('focus.lost', {});
    else if (focused && isLost) this.#log('focus.regained', {});
  }

  #enterTask(): void {
    if (this.readOnly || this.status !== 'in-progress') return;
    const index = this.currentTask;
    const task = index === REVIEW ? null : this.bundle.tasks[index];
    this.#activeTask = task?.id ?? null;
    this.#activeSince = task && this.#visible ? this.#clock.mono() : null;
    if (task) this.#log('task.open', { taskId: task.id });
  }

  #leaveTask(): void {
    if (!this.#activeTask) return;
    this.#accrue(true);
    if (this.status === 'in-progress') this.#log('task.leave', { taskId: this.#activeTask });
    this.#activeTask = null;
  }

  /**
   * Adds the time since the last checkpoint to the open task's active time.
   * `minMs` skips tiny checkpoints (the 1 s tick saves every 5 s at most).
   */
  #accrue(stop: boolean, minMs = 0): void {
    if (!this.#activeTask || this.#activeSince === null) return;
    const mono = this.#clock.mono();
    const delta = mono - this.#activeSince;
    if (delta < minMs) return;
    const key = fieldKey.activeMs(this.#activeTask);
    const current = this.fields[key]?.value;
    const total = (typeof current === 'number' ? current : 0) + Math.max(0, delta);
    this.#activeSince = stop ? null : mono;
    if (this.readOnly || this.status !== 'in-progress') return;
    const patch = { key, value: Math.round(total), rev: this.#revisions.next() };
    this.fields[key] = { value: patch.value, rev: patch.rev };
    this.#sink.queuePatch(patch);
  }
}
