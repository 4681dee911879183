import { describe, expect, it } from 'vitest';
import {
  crossedWarnings,
  deadlineOf,
  effectiveLimitMinutes,
  formatClock,
  formatDuration,
  timerState,
} from '../../../src/core/index.ts';

const start = Date.UTC(2026, 10, 26, 9, 0, 0);
const min = 60_000;

describe('timer arithmetic', () => {
  it('computes the deadline from the stored start', () => {
    expect(deadlineOf(start, 45)).toBe(start + 45 * min);
    expect(deadlineOf(start, 0.5)).toBe(start + 30_000);
  });

  it('adds extra time as a percentage, rounded up to whole minutes', () => {
    expect(effectiveLimitMinutes(45, 0)).toBe(45);
    expect(effectiveLimitMinutes(45, 25)).toBe(57); // 56.25 → 57
    expect(effectiveLimitMinutes(30, 50)).toBe(45);
    expect(effectiveLimitMinutes(30, -10)).toBe(30);
  });

  it('moves through the phases: running, warning at 5 min, final minute, then expired or overtime', () => {
    expect(timerState(start, 30, 'hard', start).phase).toBe('running');
    expect(timerState(start, 30, 'hard', start + 25 * min - 1).phase).toBe('running');
    expect(timerState(start, 30, 'hard', start + 25 * min).phase).toBe('warning');
    expect(timerState(start, 30, 'hard', start + 29 * min).phase).toBe('final-minute');
    expect(timerState(start, 30, 'hard', start + 30 * min).phase).toBe('expired');
    expect(timerState(start, 30, 'soft', start + 30 * min).phase).toBe('overtime');
  });

  it('keeps counting from the stored start: a reload does not restart it', () => {
    // The tab was closed for ten minutes: elapsed includes them.
    const state = timerState(start, 30, 'soft', start + 12 * min);
    expect(state.elapsedMs).toBe(12 * min);
    expect(state.remainingMs).toBe(18 * min);
    expect(state.overtimeMs).toBe(0);
    const late = timerState(start, 30, 'soft', start + 33 * min + 5000);
    expect(late.overtimeMs).toBe(3 * min + 5000);
    expect(late.remainingMs).toBe(-(3 * min + 5000));
  });

  it('reports each warning threshold once, when crossed', () => {
    const deadline = start + 30 * min;
    expect(crossedWarnings(deadline, start + 24 * min, start + 25 * min)).toEqual([5 * min]);
    expect(crossedWarnings(deadline, start + 25 * min, start + 26 * min)).toEqual([]);
    // A long gap (laptop asleep) crosses both at once.
    expect(crossedWarnings(deadline, start + 20 * min, start + 29.5 * min)).toEqual([5 * min, min]);
  });

  it('formats clocks with seconds rounded up, and durations in words', () => {
    expect(formatClock(45 * min)).toBe('45:00');
    expect(formatClock(45 * min - 200)).toBe('45:00');
    expect(formatClock(44 * min + 59_000)).toBe('44:59');
    expect(formatClock(61 * min)).toBe('1:01:00');
    expect(formatClock(-(2 * min + 13_000))).toBe('02:13');
    expect(formatClock(0)).toBe('00:00');
    expect(formatDuration(12 * min)).toBe('12 min');
    expect(formatDuration(65 * min)).toBe('1 h 5 min');
  });
});
