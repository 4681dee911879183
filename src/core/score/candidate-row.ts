import type { Result } from '../result/schema.ts';
import type { VerificationReport } from '../verify/verify-result.ts';
import type { CandidateScore } from './score-result.ts';

/**
 * One row of the candidates table and of the CSV: the same numbers in the app and
 * on the command line. Ratios are 0–1 (null = not measurable); times in ms.
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
  falseAlarms: number;
  errorPrecision: number | null;
  consistency: number | null;
  reviewScore: number | null;
  composite: number | null;
  pastes: number;
  focusLosses: number;
}

export function candidateRow(
  result: Result,
  report: Pick<VerificationReport, 'verdict'>,
  score: CandidateScore | null,
): CandidateRow {
  return {
    attemptId: result.attemptId,
    name: result.candidate.name,
    email: result.candidate.email,
    bundle: `${result.bundle.id} v${result.bundle.version}`,
    status: result.status,
    verdict: report.verdict,
    activeMs: result.timing.activeMsTotal,
    overtimeMs: result.timing.overtimeMs,
    rankingTauB: score?.ranking.meanTauB ?? null,
    pairwiseAccuracy: score?.ranking.meanPairwiseAccuracy ?? null,
    errorRecall: score?.errors.recall ?? null,
    falseAlarms: score?.errors.falseAlarms ?? 0,
    errorPrecision: score?.errors.precision ?? null,
    consistency: score?.meanConsistency ?? null,
    reviewScore: score?.reviewScore ?? null,
    composite: score?.composite ?? null,
    pastes: result.events.filter((e) => e.type === 'critique.paste').length,
    focusLosses: result.events.filter((e) => e.type === 'focus.lost').length,
  };
}

export const CSV_COLUMNS: { key: keyof CandidateRow; header: string; format?: 'ratio' | 'minutes' | 'number' }[] = [
  { key: 'name', header: 'name' },
  { key: 'email', header: 'email' },
  { key: 'bundle', header: 'bundle' },
  { key: 'status', header: 'status' },
  { key: 'verdict', header: 'integrity' },
  { key: 'activeMs', header: 'active_minutes', format: 'minutes' },
  { key: 'overtimeMs', header: 'overtime_minutes', format: 'minutes' },
  { key: 'rankingTauB', header: 'ranking_tau_b', format: 'number' },
  { key: 'pairwiseAccuracy', header: 'ranking_pairwise_accuracy', format: 'ratio' },
  { key: 'errorRecall', header: 'error_recall', format: 'ratio' },
  { key: 'falseAlarms', header: 'false_alarms', format: 'number' },
  { key: 'consistency', header: 'consistency', format: 'ratio' },
  { key: 'reviewScore', header: 'reviewer_score_1_to_4', format: 'number' },
  { key: 'composite', header: 'composite', format: 'ratio' },
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
