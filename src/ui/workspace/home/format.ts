/** How the workspace page writes numbers: the same words and symbols in the table, the charts and the log. */

/** Shown for a value that cannot be measured (no key, no reviews yet, no repeated task). */
export const NOT_MEASURED = '—';

/** 0.625 → "63%"; null → "—". */
export function percent(value: number | null): string {
  return value === null ? NOT_MEASURED : `${Math.round(value * 100)}%`;
}

/** A correlation with its sign and a real minus: 0.333 → "+0.33", −0.5 → "−0.50". */
export function signed(value: number | null): string {
  if (value === null) return NOT_MEASURED;
  const text = Math.abs(value).toFixed(2);
  if (text === '0.00') return '0.00';
  return `${value < 0 ? '−' : '+'}${text}`;
}

/** Milliseconds as whole minutes: 1_470_000 → "25". */
export function minutes(ms: number): string {
  return String(Math.round(ms / 60_000));
}

/** Overtime: "0" when none, else "+N" minutes (at least "+1" so a few seconds still show). */
export function overtime(ms: number): string {
  if (ms <= 0) return '0';
  return `+${Math.max(1, Math.round(ms / 60_000))}`;
}

/** Mean reviewer grade on the 1–4 scale: 3.25 → "3.3". */
export function grade(value: number | null): string {
  return value === null ? NOT_MEASURED : value.toFixed(1);
}

/** The local date for file names: "2026-11-20". */
export function dateStamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first 12 hex digits of a SHA-256, enough to tell bundles apart on screen. */
export function shortSha(hash: string): string {
  return hash.slice(0, 12);
}

export type Verdict = 'ok' | 'warn' | 'fail';

/** A verdict in words and with an icon (the icon is decoration: the word carries it). */
export const VERDICT: Record<Verdict, { icon: string; word: string }> = {
  ok: { icon: '✓', word: 'ok' },
  warn: { icon: '!', word: 'warnings' },
  fail: { icon: '✗', word: 'failed' },
};

/** "1 result", "3 results". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
