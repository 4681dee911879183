/**
 * How the workspace's candidate pages write numbers, times and names. Pure: no
 * DOM, no state. Times are UTC so a report reads the same on every reviewer's
 * computer.
 */
import type { Bundle, CheckStatus } from '../../../core/index.ts';

/** 0.723 → "72%"; null → "not measured". */
export function percent(value: number | null): string {
  return value === null ? 'not measured' : `${Math.round(value * 100)}%`;
}

/** A correlation with its sign: 0.5 → "+0.50", −1 → "−1.00"; null → "not measured". */
export function signed(value: number | null): string {
  if (value === null) return 'not measured';
  const text = Math.abs(value).toFixed(2);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** A mean grade on the 1–4 scale: 3.25 → "3.3 of 4". */
export function grade(value: number | null): string {
  return value === null ? 'not reviewed yet' : `${value.toFixed(1)} of 4`;
}

/** A duration: "45 s", "12 min 5 s", "1 h 2 min". */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const h = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${h} h` : `${h} h ${minutes % 60} min`;
}

/** Time since the start, as a clock: "+0:00", "+12:05", "+1:02:03". */
export function sinceStart(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `+${h}:${two(m)}:${two(s)}` : `+${m}:${two(s)}`;
}

/** "2026-11-20 09:35 UTC". */
export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

export function categoryLabel(bundle: Bundle | null, id: string): string {
  return bundle?.taxonomy.find((c) => c.id === id)?.label ?? id;
}

export function severityLabel(bundle: Bundle | null, id: string | null): string {
  if (id === null) return 'no severity given';
  return bundle?.severities.find((s) => s.id === id)?.label ?? id;
}

/** The words and icon for a verification check's status: never colour alone. */
export const STATUS_TEXT: Record<CheckStatus, { word: string; icon: string }> = {
  ok: { word: 'passed', icon: '✓' },
  warn: { word: 'warning', icon: '!' },
  fail: { word: 'failed', icon: '✗' },
  skip: { word: 'not applicable', icon: '–' },
};

export const VERDICT_TEXT: Record<'ok' | 'warn' | 'fail', string> = {
  ok: 'Every check passed',
  warn: 'Passed, with warnings to look at',
  fail: 'Failed: do not rely on this file',
};
