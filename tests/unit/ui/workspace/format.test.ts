import { describe, expect, it } from 'vitest';
import { dateStamp, grade, minutes, overtime, percent, signed } from '../../../../src/ui/workspace/home/format.ts';

describe('workspace number formats', () => {
  it('writes not-measurable values as a dash and numbers the same way everywhere', () => {
    expect(percent(null)).toBe('—');
    expect(percent(0.625)).toBe('63%');
    expect(signed(0.3333)).toBe('+0.33');
    expect(signed(-0.5)).toBe('−0.50');
    expect(signed(-0.001)).toBe('0.00');
    expect(signed(null)).toBe('—');
    expect(minutes(1_470_000)).toBe('25');
    expect(overtime(0)).toBe('0');
    expect(overtime(10_000)).toBe('+1');
    expect(overtime(5 * 60_000)).toBe('+5');
    expect(grade(3.25)).toBe('3.3');
    expect(dateStamp(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
