/**
 * A rough strength hint for a passphrase, shown while it is typed (never the
 * passphrase itself). It estimates guessing entropy from length and the kinds of
 * characters used, then discounts repeats, runs and well-known words; it is a
 * nudge towards long passphrases, not a proof of strength.
 */
export type StrengthLevel = 'too-short' | 'weak' | 'fair' | 'strong' | 'very-strong';

export interface PassphraseStrength {
  level: StrengthLevel;
  label: string;
  /** 0–4, for a meter. */
  score: number;
  hint: string;
}

export const MIN_PASSPHRASE_LENGTH = 12;

const COMMON = /password|passphrase|qwerty|azerty|letmein|welcome|admin|assay|123456|abcdef|iloveyou|monkey|dragon/gi;

export function passphraseStrength(passphrase: string): PassphraseStrength {
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH)
    return {
      level: 'too-short',
      label: 'Too short',
      score: 0,
      hint: `At least ${MIN_PASSPHRASE_LENGTH} characters (${length} so far). Four or five unrelated words work well.`,
    };
  const bits = estimateBits(passphrase);
  if (bits < 50)
    return {
      level: 'weak',
      label: 'Weak',
      score: 1,
      hint: 'Easy to guess: avoid repeats, keyboard runs and common words; add unrelated words.',
    };
  if (bits < 70)
    return { level: 'fair', label: 'Fair', score: 2, hint: 'Another unrelated word would make it strong.' };
  if (bits < 90)
    return { level: 'strong', label: 'Strong', score: 3, hint: 'Good. Keep it apart from the backup file.' };
  return {
    level: 'very-strong',
    label: 'Very strong',
    score: 4,
    hint: 'Excellent. Keep it apart from the backup file.',
  };
}

function estimateBits(passphrase: string): number {
  // Each well-known word or run counts as a single guess of a few bits.
  const stripped = passphrase
    .replace(COMMON, '\uE000')
    .replace(/(.)\1{2,}/g, '$1\uE000')
    .replace(/(?:0123|1234|2345|3456|4567|5678|6789|abcd|bcde|cdef)\w*/gi, '\uE000');
  let pool = 0;
  if (/[a-z]/.test(stripped)) pool += 26;
  if (/[A-Z]/.test(stripped)) pool += 26;
  if (/[0-9]/.test(stripped)) pool += 10;
  if (/[^a-zA-Z0-9\uE000]/.test(stripped)) pool += 33;
  const chars = [...stripped];
  const distinct = new Set(chars).size;
  const effective = Math.min(chars.length, distinct * 2);
  return effective * Math.log2(Math.max(pool, 2));
}
