import { AssayError } from '../errors.ts';

/** The longest an invite may allow (the invite schema's `dur` bound): a day. */
export const MAX_INVITE_MINUTES = 24 * 60;
export const MAX_EXTRA_TIME_PERCENT = 400;

/**
 * Minutes an invite allows, extra time included: ⌈minutes × (1 + extra / 100)⌉.
 * Computed as minutes × (100 + extra) / 100 so that 50 min + 10 % is 55, not the
 * 56 that 50 × 1.1 = 55.00000000000001 would round up to.
 *
 * @example inviteDuration(45, 25) // 57
 */
export function inviteDuration(minutes: number, extraTimePercent = 0): number {
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new AssayError('SCHEMA_INVALID', 'The duration must be a number of minutes greater than 0.');
  if (!Number.isFinite(extraTimePercent) || extraTimePercent < 0 || extraTimePercent > MAX_EXTRA_TIME_PERCENT)
    throw new AssayError(
      'SCHEMA_INVALID',
      `Extra time must be a percentage from 0 to ${MAX_EXTRA_TIME_PERCENT} (found ${extraTimePercent}).`,
    );
  const exact = (minutes * (100 + extraTimePercent)) / 100;
  // Absorb the last-bit error of the division before rounding up.
  const dur = Math.ceil(exact - 1e-9);
  if (dur > MAX_INVITE_MINUTES)
    throw new AssayError(
      'SCHEMA_INVALID',
      `With extra time the exercise would last ${dur} minutes; an invite allows at most ${MAX_INVITE_MINUTES} (24 hours).`,
    );
  return dur;
}
