import type { Result } from '../result/schema.ts';
import type { VerificationReport } from '../verify/verify-result.ts';
import type { CandidateScore, CompositePartId } from './score-result.ts';

/**
 * One row of the candidates table and of the CSV: the same numbers in the app and
 * on the command line. Ratios are 0–1 (null = not measurable); times in ms.
 *
 * A result whose integrity check failed is listed but not scored here: its file is
 * not the file the candidate exported, so its numbers take no rank, no chart point
 * and no CSV score; `notScored` says why (the team can still open it).
 */
export interface CandidateRow {
  attemptId: string;
  name: string;
  email: string;
  bundle: string;
  status: 'draft' | 'submitted';
  verdict: 'ok' | 'warn' | 'fail';
  activeMs: number;
  overtimeMs: number;
  rankingTauB: number | null;
  pairwiseAccuracy: number | null;
  errorRecall: number | null;
  falseAlarms: number | null;
  errorPrecision: number | null;
  errorF1: number | null;
  /** The best F1 that reading nothing gets on this key (see contentFreeBaseline). */
  errorBaselineF1: number | null;
  consistency: number | null;
  reviewScore: number | null;
  composite: number | null;
  /** `final`, or `provisional` (awaiting reviews); null when there is no composite. */
  compositeStatus: 'final' | 'provisional' | null;
  /** The parts the composite is made of, e.g. "ranking+errors+critique": compare composites with the same parts. */
  compositeParts: string;
  /** Why the row has no score although its bundle has a key (integrity failed); empty otherwise. */
  notScored: string;
  pastes: number;
  focusLosses: number;
}

const PART_NAMES: Record<CompositePartId, string> = {
  ranking: 'ranking',
  errorIdentification: 'errors',
  consistency: 'consistency',
  critique: 'critique',
};

/** "ranking+errors+critique": the parts a composite is made of, in their fixed order. */
export function partsLabel(parts: readonly CompositePartId[]): string {
  return parts.map((p) => PART_NAMES[p]).join('+');
}

export function candidateRow(
  result: Result,
  report: Pick<VerificationReport, 'verdict' | 'checks'>,
  score: CandidateScore | null,
): CandidateRow {
  const failed = report.verdict === 'fail';
  const counted = failed ? null : score;
  const reason = failed ? report.checks.find((c) => c.status === 'fail')?.message : undefined;
  return {
    attemptId: result.attemptId,
    name: result.candidate.name,
    email: result.candidate.email,
    bundle: `${result.bundle.id} v${result.bundle.version}`,
    status: result.status,
    verdict: report.verdict,
    activeMs: result.timing.activeMsTotal,
    overtimeMs: result.timing.overtimeMs,
    rankingTauB: counted?.ranking.meanTauB ?? null,
    pairwiseAccuracy: counted?.ranking.meanPairwiseAccuracy ?? null,
    errorRecall: counted?.errors.recall ?? null,
    falseAlarms: counted ? counted.errors.falseAlarms : null,
    errorPrecision: counted?.errors.precision ?? null,
    errorF1: counted?.errors.f1 ?? null,
    errorBaselineF1: counted?.baseline.f1 ?? null,
    consistency: counted?.meanConsistency ?? null,
    reviewScore: counted?.reviewScore ?? null,
    composite: counted?.composite ?? null,
    compositeStatus: counted?.compositeStatus ?? null,
    compositeParts: counted && counted.composite !== null ? partsLabel(counted.compositeParts) : '',
    notScored: failed ? `integrity check failed${reason ? `: ${reason}` : ''}` : '',
    pastes: result.events.filter((e) => e.type === 'critique.paste').length,
    focusLosses: result.events.filter((e) => e.type === 'focus.lost').length,
  };
}

/**
 * Orders rows by composite so that only like is ranked with like: final composites
 * before provisional ones, each group by its parts (more parts first), then by
 * value; rows without a composite last. `descending` flips the value order only.
 */
export function compareByComposite(a: CandidateRow, b: CandidateRow, descending = true): number {
  const group = (r: CandidateRow) => (r.composite === null ? 2 : r.compositeStatus === 'provisional' ? 1 : 0);
  const ga = group(a);
  const gb = group(b);
  if (ga !== gb) return ga - gb;
  if (a.composite === null || b.composite === null) return 0;
  if (a.compositeParts !== b.compositeParts) {
    const size = (r: CandidateRow) => r.compositeParts.split('+').length;
    return size(b) - size(a) || a.compositeParts.localeCompare(b.compositeParts);
  }
  return (a.composite - b.composite) * (descending ? -1 : 1);
}

export const CSV_COLUMNS: { key: keyof CandidateRow; header: string; format?: 'ratio' | 'minutes' | 'number' }[] = [
  { key: 'name', header: 'name' },
  { key: 'email', header: 'email' },
  { key: 'bundle', header: 'bundle' },
  { key: 'status', header: 'status' },
  { key: 'verdict', header: 'integrity' },
  { key: 'notScored', header: 'not_scored_because' },
  { key: 'activeMs', header: 'active_minutes', format: 'minutes' },
  { key: 'overtimeMs', header: 'overtime_minutes', format: 'minutes' },
  { key: 'rankingTauB', header: 'ranking_tau_b', format: 'number' },
  { key: 'pairwiseAccuracy', header: 'ranking_pairwise_accuracy', format: 'ratio' },
  { key: 'errorRecall', header: 'error_recall', format: 'ratio' },
  { key: 'errorPrecision', header: 'error_precision', format: 'ratio' },
  { key: 'errorF1', header: 'error_f1', format: 'ratio' },
  { key: 'errorBaselineF1', header: 'error_f1_content_free_baseline', format: 'ratio' },
  { key: 'falseAlarms', header: 'false_alarms', format: 'number' },
  { key: 'consistency', header: 'consistency', format: 'ratio' },
  { key: 'reviewScore', header: 'reviewer_score_1_to_4', format: 'number' },
  { key: 'composite', header: 'composite', format: 'ratio' },
  { key: 'compositeStatus', header: 'composite_status' },
  { key: 'compositeParts', header: 'composite_parts' },
  { key: 'pastes', header: 'pastes', format: 'number' },
  { key: 'focusLosses', header: 'focus_losses', format: 'number' },
  { key: 'attemptId', header: 'attempt_id' },
];

/** A cell as text: ratios and scores with 3 decimals, minutes with 1; empty for "not measurable". */
export function formatCell(row: CandidateRow, column: (typeof CSV_COLUMNS)[number]): string {
  const value = row[column.key];
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  switch (column.format) {
    case 'minutes':
      return (value / 60_000).toFixed(1);
    case 'ratio':
    case 'number':
      return Number.isInteger(value) ? String(value) : value.toFixed(3);
    default:
      return String(value);
  }
}
