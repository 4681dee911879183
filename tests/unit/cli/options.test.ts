import { describe, expect, it } from 'vitest';
import { readOptions } from '../../../src/cli/options.ts';

const OPTIONS = {
  key: { type: 'string' },
  reviews: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

describe('readOptions (node:util parseArgs, the commands’ own messages)', () => {
  it('reads values, repeated values, flags and positionals in any order', () => {
    const read = readOptions(
      ['a.json', '--key', 'k.json', '--reviews=r1.json', '--json', 'b', '--reviews', 'r2'],
      OPTIONS,
    );
    expect(read).toEqual({
      ok: true,
      parsed: {
        values: { key: 'k.json', reviews: ['r1.json', 'r2'], json: true },
        positionals: ['a.json', 'b'],
      },
    });
    expect(readOptions(['-h'], OPTIONS)).toMatchObject({ ok: true, parsed: { values: { help: true } } });
  });

  it('says "unknown option" and "needs a value" as before, with the option named', () => {
    expect(readOptions(['--frobnicate'], OPTIONS)).toEqual({
      ok: false,
      unknown: true,
      message: 'unknown option --frobnicate',
    });
    expect(readOptions(['-x'], OPTIONS)).toEqual({ ok: false, unknown: true, message: 'unknown option -x' });
    expect(readOptions(['a.json', '--key'], OPTIONS)).toEqual({
      ok: false,
      unknown: false,
      message: '--key needs a value',
    });
  });

  it('shows control characters in an option name instead of printing them', () => {
    const read = readOptions(['--x\u001b[2K'], OPTIONS);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).not.toContain('\u001b');
  });
});
