/**
 * A reviewer's pass over the written critiques of one bundle: who is grading, in
 * which order (blind by default: names hidden and critiques shuffled per
 * reviewer), the grades given, their saving, and the agreement between
 * reviewers. The grades are saved through the workspace (`putReviews`, debounced)
 * as one `assay.reviews/1` document per reviewer and bundle; the reviewer's name
 * and id are remembered through the injected `ReviewerMemory` (localStorage in
 * the app, under `assay:reviewer`).
 */
import {
  DEFAULT_RUBRIC,
  GRADE_MAX,
  GRADE_MIN,
  randomId,
  REVIEWS_FORMAT,
  reviewAgreement,
  shownOrder,
  type Grade,
  type LoadedBundle,
  type ReviewAgreement,
  type Reviews,
  type RubricCriterion,
} from '../core/index.ts';
import { slug } from '../lib/download.ts';
import type { Candidate, WorkspaceState } from './workspace.svelte.ts';

export const REVIEWER_STORAGE_KEY = 'assay:reviewer';

export interface Reviewer {
  id: string;
  name: string;
}

/** Where the reviewer is remembered between visits. */
export interface ReviewerMemory {
  read(): string | null;
  write(value: string): void;
}

/** The browser's localStorage, or nothing when it is refused (private modes). */
export function localReviewerMemory(): ReviewerMemory {
  return {
    read: () => {
      try {
        return localStorage.getItem(REVIEWER_STORAGE_KEY);
      } catch {
        return null;
      }
    },
    write: (value) => {
      try {
        localStorage.setItem(REVIEWER_STORAGE_KEY, value);
      } catch {
        // Not remembered: the reviewer types their name again next time.
      }
    },
  };
}

/** Short anchors for each grade of the default criteria; other criteria get the generic ones. */
export const RUBRIC_ANCHORS: Record<string, readonly [string, string, string, string]> = {
  specific: [
    'Vague, points at nothing',
    'Names the part, no detail',
    'Points at the fault',
    'Quotes the exact text or step',
  ],
  correct: ['Mostly wrong', 'Some claims wrong', 'Right, with a slip', 'Entirely right'],
  actionable: ['No why, no fix', 'Why or fix, vaguely', 'Says why and a fix', 'Clear impact, precise fix'],
};
export const GENERIC_ANCHORS = ['Poor', 'Weak', 'Good', 'Excellent'] as const;

export interface ReviewItem {
  /** attemptId/taskId/outputId */
  key: string;
  attemptId: string;
  taskId: string;
  outputId: string;
  candidateName: string;
  /** "Candidate 3": the name shown in blind mode. */
  alias: string;
  taskIndex: number;
  taskTitle: string;
  prompt: string;
  context: string | null;
  /** The output's letter as the candidate saw it (their critique refers to it). */
  label: string;
  output: string;
  critique: string;
}

/** A critique to adjudicate: the criteria on which reviewers differ by 2 or more. */
export interface Adjudication {
  key: string;
  attemptId: string;
  taskId: string;
  outputId: string;
  /** Null when the critique is not among this workspace's results. */
  item: ReviewItem | null;
  spread: number;
  criteria: { criterion: string; grades: Record<string, number> }[];
}

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export interface ReviewOptions {
  memory: ReviewerMemory;
  /** Quiet time after the last change before grades are saved. */
  debounceMs?: number;
  now?: () => Date;
}

export const itemKey = (attemptId: string, taskId: string, outputId: string): string =>
  `${attemptId}/${taskId}/${outputId}`;

export class ReviewState {
  reviewer = $state.raw<Reviewer | null>(null);
  blind = $state(true);

  /** Index of the criterion the number keys grade, in `rubric`. */
  criterion = $state(0);
  status = $state<SaveStatus>('saved');
  saveError = $state<string | null>(null);
  readonly rubric: readonly RubricCriterion[] = DEFAULT_RUBRIC.map((c) => ({ ...c }));

  /** Bundles that have results to review. */
  readonly bundles: LoadedBundle[] = $derived.by(() =>
    this.#workspace.bundles.filter((b) =>
      this.#workspace.candidates.some((c) => c.file.result.bundle.sha256 === b.hash),
    ),
  );
  readonly bundle: LoadedBundle | null = $derived(
    this.bundles.find((b) => b.hash === this.#chosenBundle) ?? this.bundles[0] ?? null,
  );
  readonly items: ReviewItem[] = $derived.by(() => this.#buildItems());
  /** Index of the critique on screen, in `items`: the first not fully graded until the reviewer moves. */
  readonly position: number = $derived.by(() => {
    if (this.items.length === 0) return 0;
    if (this.#position !== null) return Math.min(this.#position, this.items.length - 1);
    const index = this.items.findIndex((i) => !this.isComplete(i.key));
    return index < 0 ? 0 : index;
  });
  readonly current: ReviewItem | null = $derived(this.items[this.position] ?? null);
  readonly grades: ReadonlyMap<string, Grade> = $derived.by(() => this.#effectiveGrades());
  readonly gradedCount: number = $derived(this.items.filter((i) => this.isComplete(i.key)).length);
  readonly agreement: ReviewAgreement = $derived.by(() =>
    reviewAgreement(this.#workspace.reviews.filter((r) => r.bundleSha256 === this.bundle?.hash)),
  );
  /** The critiques where reviewers differ by 2 or more on some criterion, widest first. */
  readonly adjudication: Adjudication[] = $derived.by(() => {
    const byCritique = new Map<string, Adjudication>();
    for (const d of this.agreement.disagreements) {
      const key = itemKey(d.attemptId, d.taskId, d.outputId);
      const entry = byCritique.get(key) ?? {
        key,
        attemptId: d.attemptId,
        taskId: d.taskId,
        outputId: d.outputId,
        item: this.items.find((i) => i.key === key) ?? null,
        spread: 0,
        criteria: [],
      };
      entry.spread = Math.max(entry.spread, d.spread);
      entry.criteria.push({ criterion: d.criterion, grades: d.grades });
      byCritique.set(key, entry);
    }
    return [...byCritique.values()].sort((a, b) => b.spread - a.spread);
  });

  #workspace: WorkspaceState;
  #memory: ReviewerMemory;
  #debounceMs: number;
  #now: () => Date;
  #chosenBundle = $state<string | null>(null);
  #position = $state<number | null>(null);
  /** Grades changed here since the last read from the workspace, with whose they are. */
  #local = $state.raw<{ owner: string; grades: ReadonlyMap<string, Grade> } | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> | null = null;

  constructor(workspace: WorkspaceState, options: ReviewOptions) {
    this.#workspace = workspace;
    this.#memory = options.memory;
    this.#debounceMs = options.debounceMs ?? 500;
    this.#now = options.now ?? (() => new Date());
    this.reviewer = readReviewer(options.memory.read());
    this.criterion = this.#firstUngradedCriterion();
  }

  /** Starts (or switches to) grading as `name`; the same name keeps its id and its grades. */
  async setReviewer(name: string): Promise<void> {
    const trimmed = name.trim().slice(0, 200);
    if (!trimmed) return;
    await this.flush();
    const remembered = readReviewer(this.#memory.read());
    const reviewer = remembered && remembered.name === trimmed ? remembered : { id: randomId(), name: trimmed };
    this.#memory.write(JSON.stringify(reviewer));
    this.#local = null;
    this.reviewer = reviewer;
    this.#position = null;
    this.criterion = this.#firstUngradedCriterion();
  }

  async selectBundle(hash: string): Promise<void> {
    await this.flush();
    this.#chosenBundle = hash;
    this.#local = null;
    this.#position = null;
    this.criterion = this.#firstUngradedCriterion();
  }

  /** Blind mode on or off, staying on the same critique. */
  setBlind(on: boolean): void {
    const key = this.current?.key;
    this.blind = on;
    const index = this.items.findIndex((i) => i.key === key);
    this.#position = Math.max(0, index);
  }

  go(position: number): void {
    if (this.items.length === 0) return;
    this.#position = Math.min(Math.max(0, position), this.items.length - 1);
    this.criterion = this.#firstUngradedCriterion();
  }

  next(): void {
    this.go(this.position + 1);
  }

  previous(): void {
    this.go(this.position - 1);
  }

  /** To a given critique (from the disagreements list); false when it is not in this pass. */
  goTo(attemptId: string, taskId: string, outputId: string): boolean {
    const index = this.items.findIndex((i) => i.key === itemKey(attemptId, taskId, outputId));
    if (index < 0) return false;
    this.go(index);
    return true;
  }

  /** To the next critique not fully graded, wrapping round; stays when all are. */
  nextUngraded(): void {
    const n = this.items.length;
    for (let step = 1; step <= n; step++) {
      const index = (this.position + step) % n;
      if (!this.isComplete((this.items[index] as ReviewItem).key)) return this.go(index);
    }
  }

  gradeOf(key: string, criterion: string): number | null {
    return this.grades.get(key)?.scores[criterion] ?? null;
  }

  isComplete(key: string): boolean {
    const grade = this.grades.get(key);
    return grade !== undefined && this.rubric.every((c) => grade.scores[c.id] !== undefined);
  }

  setGrade(criterion: string, value: number): void {
    const item = this.current;
    if (!item || !this.rubric.some((c) => c.id === criterion)) return;
    if (!Number.isInteger(value) || value < GRADE_MIN || value > GRADE_MAX) return;
    const previous = this.grades.get(item.key);
    this.#put(item, { ...(previous?.scores ?? {}), [criterion]: value }, previous?.note);
  }

  setNote(note: string): void {
    const item = this.current;
    if (!item) return;
    const previous = this.grades.get(item.key);
    this.#put(item, { ...(previous?.scores ?? {}) }, note.slice(0, 2000));
  }

  /**
   * The keyboard: 1–4 grade a criterion (the one given, e.g. where focus is, else
   * the current one) and move to the next criterion; ←/j previous and →/k next
   * critique. Returns whether the key was used.
   */
  handleKey(key: string, criterion?: string): boolean {
    if (/^[1-4]$/.test(key)) {
      const index = criterion ? this.rubric.findIndex((c) => c.id === criterion) : this.criterion;
      const target = this.rubric[index];
      if (!target || !this.current) return false;
      this.setGrade(target.id, Number(key));
      this.criterion = Math.min(index + 1, this.rubric.length - 1);
      return true;
    }
    if (key === 'ArrowRight' || key === 'k') {
      this.next();
      return true;
    }
    if (key === 'ArrowLeft' || key === 'j') {
      this.previous();
      return true;
    }
    return false;
  }

  /** This reviewer's grades of the bundle as an `assay.reviews/1` document. */
  document(): Reviews | null {
    const reviewer = this.reviewer;
    const bundle = this.bundle;
    if (!reviewer || !bundle) return null;
    return {
      format: REVIEWS_FORMAT,
      reviewer: { id: reviewer.id, name: reviewer.name },
      bundleSha256: bundle.hash,
      rubric: this.rubric.map((c) => ({ ...c })),
      grades: [...this.grades.values()],
      exportedAt: this.#now().toISOString(),
    };
  }

  /** The file to download: the grades saved first, so the file and the workspace agree. */
  async exportFile(): Promise<{ filename: string; text: string } | null> {
    await this.flush();
    const document = this.document();
    if (!document || !this.bundle) return null;
    const name = slug(document.reviewer.name);
    return {
      filename: `assay-reviews_${this.bundle.bundle.id}_${name}.json`,
      text: `${JSON.stringify(document, null, 2)}\n`,
    };
  }

  /** Other reviewers' files (or this reviewer's from another computer), through the workspace. */
  async importFiles(files: readonly File[]): Promise<{ fileName: string; ok: boolean; message: string }[]> {
    await this.flush();
    const log: { fileName: string; ok: boolean; message: string }[] = [];
    for (const file of files) {
      await this.#workspace.importReviewsFile(file);
      const error = this.#workspace.error;
      log.push({
        fileName: file.name,
        ok: !error,
        message: error
          ? error instanceof Error
            ? error.message
            : String(error)
          : (this.#workspace.notice ?? 'imported'),
      });
    }
    // A file of this very reviewer replaces what was here: read it back.
    this.#local = null;
    return log;
  }

  /** Saves now whatever is waiting (page hidden, leaving the page, before export). */
  async flush(): Promise<void> {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
      await this.#save();
    } else if (this.#saving) await this.#saving;
  }

  #put(item: ReviewItem, scores: Record<string, number>, note: string | undefined): void {
    const owner = this.#owner();
    if (!owner) return;
    // Stay on this critique once it is graded (the default position follows the first ungraded).
    this.#position ??= this.position;
    const grades = new Map(this.grades);
    const grade: Grade = {
      attemptId: item.attemptId,
      taskId: item.taskId,
      outputId: item.outputId,
      scores,
      gradedAt: this.#now().toISOString(),
    };
    if (note) grade.note = note;
    if (Object.keys(scores).length === 0 && !note) grades.delete(item.key);
    else grades.set(item.key, grade);
    this.#local = { owner, grades };
    this.status = 'pending';
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#save();
    }, this.#debounceMs);
  }

  async #save(): Promise<void> {
    if (this.#saving) await this.#saving;
    const document = this.document();
    if (!document) return;
    this.status = 'saving';
    this.#saving = (async () => {
      try {
        await this.#workspace.putReviews(document);
        this.saveError = null;
        if (this.#timer === null) this.status = 'saved';
      } catch (error) {
        this.status = 'error';
        this.saveError = error instanceof Error ? error.message : String(error);
      }
    })();
    await this.#saving;
    this.#saving = null;
  }

  #owner(): string | null {
    return this.reviewer && this.bundle ? `${this.reviewer.id}:${this.bundle.hash}` : null;
  }

  #effectiveGrades(): ReadonlyMap<string, Grade> {
    const owner = this.#owner();
    if (!owner) return new Map();
    if (this.#local?.owner === owner) return this.#local.grades;
    const saved = this.#workspace.reviews.find(
      (r) => r.reviewer.id === this.reviewer?.id && r.bundleSha256 === this.bundle?.hash,
    );
    return new Map((saved?.grades ?? []).map((g) => [itemKey(g.attemptId, g.taskId, g.outputId), g]));
  }

  #firstUngradedCriterion(): number {
    const key = this.items[this.position]?.key;
    const index = this.rubric.findIndex((c) => key === undefined || this.gradeOf(key, c.id) === null);
    return index < 0 ? 0 : index;
  }

  #buildItems(): ReviewItem[] {
    const bundle = this.bundle;
    if (!bundle) return [];
    const candidates: Candidate[] = this.#workspace.candidates
      .filter((c) => c.file.result.bundle.sha256 === bundle.hash)
      .sort((a, b) => a.attemptId.localeCompare(b.attemptId));
    const seed = `${this.reviewer?.id ?? 'no-reviewer'}/${bundle.hash}`;
    // Aliases numbered in an order of the reviewer's own: "Candidate 1" is nobody in particular.
    const aliasOrder = shownOrder(
      candidates.map((c) => c.attemptId),
      true,
      `${seed}/candidates`,
    );
    const alias = new Map(aliasOrder.map((id, i) => [id, `Candidate ${i + 1}`]));
    return bundle.bundle.tasks.flatMap((task, taskIndex) => {
      const group: ReviewItem[] = [];
      for (const candidate of candidates) {
        const answer = candidate.file.result.tasks.find((t) => t.taskId === task.id);
        if (!answer) continue;
        for (const outputId of answer.shownOrder) {
          const out = answer.outputs.find((o) => o.outputId === outputId);
          if (!out) continue;
          group.push({
            key: itemKey(candidate.attemptId, task.id, outputId),
            attemptId: candidate.attemptId,
            taskId: task.id,
            outputId,
            candidateName: candidate.file.result.candidate.name,
            alias: alias.get(candidate.attemptId) as string,
            taskIndex,
            taskTitle: task.title,
            prompt: task.prompt,
            context: task.context ?? null,
            label: out.label,
            output: task.outputs.find((o) => o.id === outputId)?.content ?? '',
            critique: out.critique,
          });
        }
      }
      // Task by task, so the prompt stays in mind; inside a task, blind mode shuffles.
      if (!this.blind)
        return group.sort((a, b) => a.candidateName.localeCompare(b.candidateName) || a.label.localeCompare(b.label));
      const byKey = new Map(group.map((item) => [item.key, item]));
      return shownOrder([...byKey.keys()], true, `${seed}/${task.id}`).map((k) => byKey.get(k) as ReviewItem);
    });
  }
}

function readReviewer(text: string | null): Reviewer | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<Reviewer>;
    if (
      typeof value.id === 'string' &&
      value.id.length >= 8 &&
      value.id.length <= 64 &&
      typeof value.name === 'string' &&
      value.name.trim()
    )
      return { id: value.id, name: value.name.trim().slice(0, 200) };
  } catch {
    // A damaged entry: ask for the name again.
  }
  return null;
}
