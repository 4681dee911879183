/**
 * The hiring team's workspace: bundles, answer keys, imported results with their
 * verification reports, reviewers' grades; the candidates table derived from them
 * (scores are recomputed from the stored results whenever a key or a review
 * changes, so every number can be traced to its inputs). Storage is injected.
 */
import {
  AssayError,
  bundleHash,
  candidateRow,
  checkBatch,
  compareByComposite,
  CSV_COLUMNS,
  formatCell,
  gradeLookup,
  parseResultText,
  scoreResult,
  sha256Hex,
  validateBundle,
  validateKey,
  validateKeyForBundle,
  validateReviews,
  validateWorkspaceBackup,
  verifyResult,
  visibleText,
  WORKSPACE_FORMAT,
  writeCsv,
  type AnswerKey,
  type Bundle,
  type CandidateRow,
  type CandidateScore,
  type DecryptionKey,
  type LoadedBundle,
  type Result,
  type ReviewLookup,
  type Reviews,
  type TeamPublicKey,
  type VerificationReport,
  type WorkspaceBackup,
} from '../core/index.ts';
import type { StoredResult, StoredResultReport, WorkspaceStore } from '../storage/index.ts';
import { readAnyJsonFile } from '../lib/read-assay-file.ts';
import { readFileBytes, readJsonFile } from '../lib/read-file.ts';

/** What the setup area takes. */
const SETUP_KINDS = ['bundle', 'key'] as const;

export interface TeamKeyMaterial {
  teamKeys: TeamPublicKey[];
  decryptionKeys: DecryptionKey[];
}

export interface ImportedResult {
  fileSha256: string;
  fileName: string;
  importedAt: number;
  result: Result | null;
  report: StoredResultReport;
}

export interface ImportLogEntry {
  fileName: string;
  status: 'added' | 'duplicate' | 'failed';
  verdict: 'ok' | 'warn' | 'fail' | null;
  message: string;
}

export interface Candidate {
  attemptId: string;
  /** The file used: the submitted one, else the latest export. */
  file: ImportedResult & { result: Result };
  /** Every file imported for this attempt (drafts, re-exports). */
  files: ImportedResult[];
  bundle: LoadedBundle | null;
  key: AnswerKey | null;
  score: CandidateScore | null;
  row: CandidateRow;
}

export type SortKey = keyof CandidateRow;

const YIELD_EVERY_MS = 12;
/**
 * When a long import first stores and shows what it has so far; each next time comes
 * half as late again (1 s, 2.5 s, 4.75 s…): soon enough to see the table fill, and
 * rarely enough that redrawing a growing table and its charts stays a small part of
 * the work however many files there are.
 */
const PUBLISH_FIRST_MS = 1000;
const PUBLISH_BACKOFF = 1.5;

/** How often an import updates its progress bar. */
const PROGRESS_EVERY_MS = 100;

const yieldToUi = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A result's score, valid while its bundle, key and the reviewers' grades are the same objects. */
interface ScoreEntry {
  bundle: Bundle;
  key: AnswerKey;
  lookup: ReviewLookup;
  score: CandidateScore;
}

export class WorkspaceState {
  bundles = $state.raw<LoadedBundle[]>([]);
  keys = $state.raw<ReadonlyMap<string, AnswerKey>>(new Map());
  results = $state.raw<ImportedResult[]>([]);
  reviews = $state.raw<Reviews[]>([]);
  loaded = $state(false);
  importing = $state<{ done: number; total: number; current: string } | null>(null);
  importLog = $state.raw<ImportLogEntry[]>([]);
  error = $state.raw<unknown>(null);
  notice = $state<string | null>(null);

  sortKey = $state<SortKey>('composite');
  sortDescending = $state(true);
  search = $state('');
  verdictFilter = $state<'all' | 'ok' | 'warn' | 'fail'>('all');
  bundleFilter = $state<string>('all');
  /** Which composites to show: every row, final ones, provisional ones (awaiting reviews), or rows without a score. */
  scoreFilter = $state<'all' | 'final' | 'provisional' | 'none'>('all');

  readonly candidates: Candidate[] = $derived.by(() => this.#buildCandidates());
  /** The candidates the search and filters let through, in import order: sorting leaves it (and the charts) alone. */
  readonly filteredCandidates: Candidate[] = $derived.by(() => this.#filter(this.candidates));
  /** The filtered candidates in the table's order. */
  readonly visibleRows: Candidate[] = $derived.by(() => this.#sort(this.filteredCandidates));

  #store: WorkspaceStore;
  #teamKeys: () => Promise<TeamKeyMaterial>;
  // Scoring a thousand results takes a while: each is scored once (during its import
  // or the load), and again only when its bundle, key or the grades change.
  #scores = new WeakMap<Result, ScoreEntry>();
  #lookup: { reviews: readonly Reviews[]; lookup: ReviewLookup } | null = null;

  constructor(store: WorkspaceStore, teamKeys: () => Promise<TeamKeyMaterial>) {
    this.#store = store;
    this.#teamKeys = teamKeys;
  }

  get persistent(): boolean {
    return this.#store.persistent;
  }

  candidate(attemptId: string): Candidate | undefined {
    return this.candidates.find((c) => c.attemptId === attemptId);
  }

  /** Reads the stored workspace (validating every row on the way out). */
  async load(): Promise<void> {
    const snapshot = await this.#store.load();
    const bundles: LoadedBundle[] = [];
    for (const row of snapshot.bundles) {
      try {
        bundles.push({ bundle: validateBundle(row.document), document: row.document, hash: row.hash });
      } catch {
        // A row that no longer validates is left out, not trusted.
      }
    }
    this.bundles = bundles;
    const keys = new Map<string, AnswerKey>();
    for (const row of snapshot.keys) {
      const target = bundles.find((b) => b.hash === row.bundleSha256);
      if (!target) continue;
      try {
        keys.set(row.bundleSha256, validateKeyForBundle(row.document, target.bundle, target.hash));
      } catch {
        // idem
      }
    }
    this.keys = keys;
    this.reviews = snapshot.reviews.flatMap((row) => {
      try {
        return [validateReviews(row.document)];
      } catch {
        return [];
      }
    });
    // Parsed and scored in slices, so a workspace of a thousand results opens without freezing the tab.
    const results: ImportedResult[] = [];
    let slice = performance.now();
    for (const row of snapshot.results) {
      const item = this.#fromStored(row);
      results.push(item);
      if (item.result) this.#scoreOf(item.result);
      if (performance.now() - slice > YIELD_EVERY_MS) {
        await yieldToUi();
        slice = performance.now();
      }
    }
    this.results = results;
    this.loaded = true;
  }

  /** A bundle or an answer key, from a file: which one is told by its format (the family: "assay.key/9" is a key). */
  async addSetupFile(file: File): Promise<void> {
    this.error = null;
    try {
      const { kind, document } = await readAnyJsonFile(file, SETUP_KINDS);
      if (kind === 'key') await this.#addKey(document, file.name);
      else {
        // Anything else is read as a bundle: its format check names what the file is instead.
        const loaded: LoadedBundle = { bundle: validateBundle(document), document, hash: await bundleHash(document) };
        await this.#store.putBundle({ hash: loaded.hash, document: loaded.document, storedAt: Date.now() });
        if (!this.bundles.some((b) => b.hash === loaded.hash)) this.bundles = [...this.bundles, loaded];
        this.notice = `Bundle “${loaded.bundle.title}” v${loaded.bundle.version} added.`;
      }
    } catch (error) {
      this.error = error;
    }
  }

  async #addKey(document: unknown, fileName: string): Promise<void> {
    // The key's own format and structure first: a key of an unknown version says so, whatever its bundle.
    validateKey(document);
    const sha = (document as { bundle?: { sha256?: unknown } }).bundle?.sha256;
    const target = this.bundles.find((b) => b.hash === sha);
    if (!target)
      throw new AssayError(
        'SCHEMA_INVALID',
        `${fileName} is an answer key for a bundle that is not in the workspace yet (SHA-256 ${String(sha).slice(0, 12)}…): add the bundle first.`,
      );
    const key = validateKeyForBundle(document, target.bundle, target.hash);
    await this.#store.putKey({ bundleSha256: target.hash, document, storedAt: Date.now() });
    const keys = new Map(this.keys);
    keys.set(target.hash, key);
    this.keys = keys;
    this.notice = `Answer key for “${target.bundle.title}” added.`;
  }

  /**
   * Imports result files: each is read (size checked first), verified, scored and
   * stored unless the same bytes are already there. A bad file is listed with its
   * reason; nothing else changes. The UI stays responsive: work yields every few ms,
   * and a long import stores and shows its results as it goes rather than all at
   * once at the end.
   */
  async importFiles(files: readonly File[]): Promise<void> {
    if (this.importing) return;
    this.error = null;
    const log: ImportLogEntry[] = [];
    this.importing = { done: 0, total: files.length, current: '' };
    // Verified results not stored and shown yet (unreadable files are reported, not stored).
    let batch: { row: StoredResult; result: Result }[] = [];
    const publish = async () => {
      const rows = batch;
      batch = [];
      if (rows.length === 0) return;
      await this.#store.addResults(rows.map((r) => r.row));
      // The parsed result is the one verified (and scored): no need to parse the stored text again.
      this.results = [...this.results, ...rows.map(({ row, result }) => importedResult(row, result))];
    };
    try {
      const { teamKeys, decryptionKeys } = await this.#teamKeys();
      const context = {
        bundles: this.bundles.map((b) => ({ bundle: b.bundle, hash: b.hash })),
        teamKeys,
        decryptionKeys,
      };
      const seen = new Set(this.results.map((r) => r.fileSha256));
      let slice = performance.now();
      let published = slice;
      let publishAfter = PUBLISH_FIRST_MS;
      let shownAt = -Infinity;
      for (const [i, file] of files.entries()) {
        // Progress is shown a few times a second, not for every file: each change redraws the page.
        if (performance.now() - shownAt > PROGRESS_EVERY_MS) {
          this.importing = { done: i, total: files.length, current: file.name };
          shownAt = performance.now();
        }
        try {
          // The size is checked before reading; the rest of the boundary is verifyResult's.
          const bytes = await readFileBytes(file, 'result');
          const sha = await sha256Hex(bytes);
          if (seen.has(sha)) {
            log.push({
              fileName: file.name,
              status: 'duplicate',
              verdict: null,
              message: 'already imported: nothing changed',
            });
          } else {
            seen.add(sha);
            const report = await verifyResult(bytes, context);
            if (report.result) {
              batch.push({ row: this.#toStored(file.name, sha, report), result: report.result });
              // Scored now, a file at a time, rather than all together when the rows are shown.
              this.#scoreOf(report.result);
            }
            const first =
              report.checks.find((c) => c.status === 'fail') ?? report.checks.find((c) => c.status === 'warn');
            log.push({
              fileName: file.name,
              status: report.result ? 'added' : 'failed',
              verdict: report.verdict,
              message: report.result
                ? `${visibleText(report.result.candidate.name)}: ${first ? first.message : 'every check passed'}`
                : (first?.message ?? 'not a result file'),
            });
          }
        } catch (error) {
          log.push({ fileName: file.name, status: 'failed', verdict: null, message: (error as Error).message });
        }
        if (performance.now() - slice > YIELD_EVERY_MS) {
          if (performance.now() - published > publishAfter) {
            await publish();
            published = performance.now();
            publishAfter *= PUBLISH_BACKOFF;
          }
          await yieldToUi();
          slice = performance.now();
        }
      }
      await publish();
      this.importLog = log;
    } catch (error) {
      this.error = error;
      this.importLog = log;
    } finally {
      this.importing = null;
    }
  }

  /** Verifies every stored result again (after adding a bundle or a team key). */
  async recheckAll(): Promise<void> {
    const { teamKeys, decryptionKeys } = await this.#teamKeys();
    const context = {
      bundles: this.bundles.map((b) => ({ bundle: b.bundle, hash: b.hash })),
      teamKeys,
      decryptionKeys,
    };
    const updated: ImportedResult[] = [];
    for (const item of this.results) {
      if (!item.result) {
        updated.push(item);
        continue;
      }
      const report = await verifyResult(JSON.stringify(item.result), context);
      updated.push({ ...item, report: this.#storedReport(report, item.report.encrypted) });
    }
    await this.#store.updateReports(updated.map((u) => ({ fileSha256: u.fileSha256, report: u.report })));
    this.results = updated;
  }

  async removeResult(fileSha256: string): Promise<void> {
    await this.#store.deleteResult(fileSha256);
    this.results = this.results.filter((r) => r.fileSha256 !== fileSha256);
  }

  /** Adds (or replaces) one reviewer's grades. */
  async putReviews(reviews: Reviews): Promise<void> {
    await this.#store.putReviews({ reviewerId: reviewsRowKey(reviews), document: reviews, storedAt: Date.now() });
    this.reviews = [...this.reviews.filter((r) => reviewsRowKey(r) !== reviewsRowKey(reviews)), reviews];
  }

  async importReviewsFile(file: File): Promise<void> {
    this.error = null;
    try {
      const reviews = validateReviews(await readJsonFile(file, 'reviews'));
      if (!this.bundles.some((b) => b.hash === reviews.bundleSha256))
        throw new AssayError('SCHEMA_INVALID', `${file.name} grades a bundle that is not in this workspace.`);
      await this.putReviews(reviews);
      this.notice = `Grades by ${reviews.reviewer.name} imported (${reviews.grades.length} critiques).`;
    } catch (error) {
      this.error = error;
    }
  }

  /** The candidates table as CSV (RFC 4180, formulas neutralised), in the order shown. */
  tableCsv(rows: readonly Candidate[] = this.visibleRows): string {
    return writeCsv([
      CSV_COLUMNS.map((c) => c.header),
      ...rows.map((c) => CSV_COLUMNS.map((col) => formatCell(c.row, col))),
    ]);
  }

  async backup(): Promise<string> {
    const backup: WorkspaceBackup = {
      format: WORKSPACE_FORMAT,
      exportedAt: new Date().toISOString(),
      bundles: this.bundles.map((b) => b.document),
      keys: [...this.keys.entries()].map(([, key]) => key),
      results: this.results
        .filter((r) => r.result)
        .map((r) => ({ fileName: r.fileName, text: JSON.stringify(r.result), importedAt: r.importedAt })),
      reviews: this.reviews,
    };
    return `${JSON.stringify(backup)}\n`;
  }

  /** Replaces the workspace with a backup's content, re-validating and re-verifying all of it. */
  async restore(file: File): Promise<void> {
    this.error = null;
    try {
      const backup = validateWorkspaceBackup(await readJsonFile(file, 'workspace-backup'));
      const bundles: LoadedBundle[] = [];
      for (const document of backup.bundles)
        bundles.push({ bundle: validateBundle(document), document, hash: await bundleHash(document) });
      const keys: { bundleSha256: string; document: unknown; storedAt: number }[] = [];
      for (const document of backup.keys) {
        const sha = (document as { bundle?: { sha256?: string } }).bundle?.sha256;
        const target = bundles.find((b) => b.hash === sha);
        if (!target) throw new AssayError('SCHEMA_INVALID', 'The backup holds an answer key without its bundle.');
        validateKeyForBundle(document, target.bundle, target.hash);
        keys.push({ bundleSha256: target.hash, document, storedAt: Date.now() });
      }
      const reviews = backup.reviews.map((r) => validateReviews(r));
      const { teamKeys, decryptionKeys } = await this.#teamKeys();
      const context = { bundles: bundles.map((b) => ({ bundle: b.bundle, hash: b.hash })), teamKeys, decryptionKeys };
      const results: StoredResult[] = [];
      for (const r of backup.results) {
        const sha = await sha256Hex(r.text);
        const report = await verifyResult(r.text, context);
        results.push({ ...this.#toStored(r.fileName, sha, report), importedAt: r.importedAt });
      }
      await this.#store.replaceAll({
        bundles: bundles.map((b) => ({ hash: b.hash, document: b.document, storedAt: Date.now() })),
        keys,
        results,
        reviews: reviews.map((r) => ({ reviewerId: reviewsRowKey(r), document: r, storedAt: Date.now() })),
      });
      await this.load();
      this.notice = `Workspace restored: ${bundles.length} bundles, ${keys.length} keys, ${results.length} results, ${reviews.length} reviewers.`;
    } catch (error) {
      this.error = error;
    }
  }

  setSort(key: SortKey): void {
    if (this.sortKey === key) this.sortDescending = !this.sortDescending;
    else {
      this.sortKey = key;
      this.sortDescending = typeof this.candidates[0]?.row[key] === 'number' || key === 'composite';
    }
  }

  #storedReport(report: VerificationReport, encrypted = report.encrypted): StoredResultReport {
    return {
      verdict: report.verdict,
      checks: report.checks,
      encrypted,
      attemptKeyId: report.attemptKeyId,
      inviteJti: report.invite?.jti ?? null,
    };
  }

  #toStored(fileName: string, fileSha256: string, report: VerificationReport): StoredResult {
    return {
      fileSha256,
      fileName,
      importedAt: Date.now(),
      text: report.result ? JSON.stringify(report.result) : null,
      attemptId: report.result?.attemptId ?? null,
      bundleSha256: report.result?.bundle.sha256 ?? null,
      report: this.#storedReport(report),
    };
  }

  #fromStored(row: StoredResult): ImportedResult {
    let result: Result | null;
    try {
      result = row.text ? parseResultText(row.text) : null;
    } catch {
      result = null;
    }
    return importedResult(row, result);
  }

  #buildCandidates(): Candidate[] {
    const byAttempt = new Map<string, ImportedResult[]>();
    for (const item of this.results) {
      if (!item.result) continue;
      const list = byAttempt.get(item.result.attemptId) ?? [];
      list.push(item);
      byAttempt.set(item.result.attemptId, list);
    }
    // The batch check (one invite, several attempts) across what is imported.
    const batch = [...byAttempt.values()].map((files) => pick(files));
    const reports = batch.map((f) => ({
      ...f.report,
      fileSha256: f.fileSha256,
      result: f.result,
      invite: f.report.inviteJti ? ({ jti: f.report.inviteJti } as VerificationReport['invite']) : null,
    })) as VerificationReport[];
    checkBatch(reports);
    return batch.map((file, i) => {
      const result = file.result as Result;
      const { bundle, key, score } = this.#scoreOf(result);
      const report = reports[i] as VerificationReport;
      return {
        attemptId: result.attemptId,
        file: { ...file, result, report: { ...file.report, verdict: report.verdict, checks: report.checks } },
        files: byAttempt.get(result.attemptId) ?? [file],
        bundle,
        key,
        score,
        row: candidateRow(result, report, score),
      };
    });
  }

  /** A result's bundle, key and score; the score comes from the cache while none of its inputs changed. */
  #scoreOf(result: Result): { bundle: LoadedBundle | null; key: AnswerKey | null; score: CandidateScore | null } {
    const bundle = this.bundles.find((b) => b.hash === result.bundle.sha256) ?? null;
    const key = bundle ? (this.keys.get(bundle.hash) ?? null) : null;
    if (!bundle || !key) return { bundle, key, score: null };
    if (this.#lookup?.reviews !== this.reviews)
      this.#lookup = { reviews: this.reviews, lookup: gradeLookup(this.reviews) };
    const lookup = this.#lookup.lookup;
    const cached = this.#scores.get(result);
    if (cached && cached.bundle === bundle.bundle && cached.key === key && cached.lookup === lookup)
      return { bundle, key, score: cached.score };
    const score = scoreResult(result, bundle.bundle, key, lookup);
    this.#scores.set(result, { bundle: bundle.bundle, key, lookup, score });
    return { bundle, key, score };
  }

  #filter(candidates: Candidate[]): Candidate[] {
    const query = this.search.trim().toLowerCase();
    if (query === '' && this.verdictFilter === 'all' && this.bundleFilter === 'all' && this.scoreFilter === 'all')
      return candidates;
    const status = (c: Candidate) => c.row.compositeStatus ?? 'none';
    return candidates.filter(
      (c) =>
        (this.verdictFilter === 'all' || c.row.verdict === this.verdictFilter) &&
        (this.scoreFilter === 'all' || status(c) === this.scoreFilter) &&
        (this.bundleFilter === 'all' || c.file.result.bundle.sha256 === this.bundleFilter) &&
        (query === '' || c.row.name.toLowerCase().includes(query) || c.row.email.toLowerCase().includes(query)),
    );
  }

  #sort(candidates: readonly Candidate[]): Candidate[] {
    const key = this.sortKey;
    const direction = this.sortDescending ? -1 : 1;
    // Composites are ranked only against composites of the same kind (final, same parts).
    if (key === 'composite')
      return [...candidates].sort((a, b) => compareByComposite(a.row, b.row, this.sortDescending));
    return [...candidates].sort((a, b) => {
      const x = a.row[key];
      const y = b.row[key];
      // Not measurable (null) always last.
      if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
      if (y === null || y === undefined) return -1;
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * direction;
      return String(x).localeCompare(String(y)) * direction;
    });
  }
}

function importedResult(row: StoredResult, result: Result | null): ImportedResult {
  return { fileSha256: row.fileSha256, fileName: row.fileName, importedAt: row.importedAt, result, report: row.report };
}

/**
 * One stored row per reviewer *and bundle*: a reviews file grades one bundle, so a
 * reviewer who grades a second bundle must not replace their grades of the first.
 */
function reviewsRowKey(reviews: Reviews): string {
  return `${reviews.reviewer.id}:${reviews.bundleSha256}`;
}

/**
 * Of an attempt's files, the one to score: one that passed the checks before one that
 * failed (a tampered copy imported first must not replace the intact file), then
 * submitted before draft, then the latest export.
 */
function pick(files: ImportedResult[]): ImportedResult & { result: Result } {
  const usable = files.filter((f): f is ImportedResult & { result: Result } => f.result !== null);
  return usable.sort((a, b) => {
    const failedA = a.report.verdict === 'fail';
    if (failedA !== (b.report.verdict === 'fail')) return failedA ? 1 : -1;
    if (a.result.status !== b.result.status) return a.result.status === 'submitted' ? -1 : 1;
    return b.result.timing.exportedAt.localeCompare(a.result.timing.exportedAt);
  })[0] as ImportedResult & { result: Result };
}
