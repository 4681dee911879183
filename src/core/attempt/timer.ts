/**
 * Timer arithmetic. The timer is never a counter: everything is computed from the
 * stored start, so it keeps running while the tab is closed and survives reloads.
 */
export const WARNING_THRESHOLDS_MS = [5 * 60_000, 60_000] as const;

export type TimerPhase = 'running' | 'warning' | 'final-minute' | 'overtime' | 'expired';

export interface TimerState {
  elapsedMs: number;
  /** Negative once past the deadline. */
  remainingMs: number;
  overtimeMs: number;
  phase: TimerPhase;
}

export function deadlineOf(startedAt: number, limitMinutes: number): number {
  return startedAt + Math.round(limitMinutes * 60_000);
}

/** Time limit including extra time for accommodations, in whole minutes rounded up. */
export function effectiveLimitMinutes(limitMinutes: number, extraPercent = 0): number {
  return Math.ceil(limitMinutes * (1 + Math.max(0, extraPercent) / 100));
}

export function timerState(startedAt: number, limitMinutes: number, policy: 'soft' | 'hard', now: number): TimerState {
  const deadline = deadlineOf(startedAt, limitMinutes);
  const elapsedMs = Math.max(0, now - startedAt);
  const remainingMs = deadline - now;
  const overtimeMs = Math.max(0, now - deadline);
  let phase: TimerPhase;
  if (remainingMs <= 0) phase = policy === 'hard' ? 'expired' : 'overtime';
  else if (remainingMs <= WARNING_THRESHOLDS_MS[1]) phase = 'final-minute';
  else if (remainingMs <= WARNING_THRESHOLDS_MS[0]) phase = 'warning';
  else phase = 'running';
  return { elapsedMs, remainingMs, overtimeMs, phase };
}

/**
 * The warning thresholds (ms before the deadline) crossed between two readings,
 * so each warning is announced once even if ticks are irregular.
 */
export function crossedWarnings(
  deadline: number,
  previousNow: number,
  now: number,
): (typeof WARNING_THRESHOLDS_MS)[number][] {
  return WARNING_THRESHOLDS_MS.filter((t) => deadline - previousNow > t && deadline - now <= t);
}

/**
 * `mm:ss`, or `h:mm:ss` from an hour up; negative values are shown as their size.
 * Seconds round up, as countdowns do: 44:59.2 left reads 45:00, and 00:00 means done.
 */
export function formatClock(ms: number): string {
  const total = Math.ceil(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** "12 min", "1 h 5 min": durations in words for people. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
