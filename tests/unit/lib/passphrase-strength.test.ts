import { describe, expect, it } from 'vitest';
import { passphraseStrength } from '../../../src/lib/passphrase-strength.ts';

describe('passphrase strength hint', () => {
  it.each([
    ['', 'too-short'],
    ['eleven char', 'too-short'],
    ['aaaaaaaaaaaaaaaa', 'weak'],
    ['Password1234', 'weak'],
    ['qwertyqwerty12', 'weak'],
    ['mydogisnamed', 'fair'],
    ['Tr0ub4dor&3x', 'strong'],
    ['correct horse battery staple', 'very-strong'],
  ])('%j is %s', (passphrase, level) => {
    expect(passphraseStrength(passphrase).level).toBe(level);
  });

  it('counts characters, not UTF-16 units, and never repeats the passphrase', () => {
    const hint = passphraseStrength('😀😀😀😀😀😀');
    expect(hint.hint).toContain('(6 so far)');
    const strong = passphraseStrength('correct horse battery staple');
    expect(`${strong.label} ${strong.hint}`).not.toContain('horse');
    expect(strong.score).toBe(4);
  });
});
