import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResultText, validateBundle } from '../../../../../src/core/index.ts';
import { timeline } from '../../../../../src/ui/workspace/candidate/timeline.ts';
import { rankingAgreement } from '../../../../../src/ui/workspace/candidate/view.ts';
import { sinceStart, duration, signed } from '../../../../../src/ui/workspace/candidate/format.ts';

const result = parseResultText(readFileSync('tests/fixtures/results/valid.json', 'utf8'));
const bundle = validateBundle(JSON.parse(readFileSync('tests/fixtures/bundles/minimal.json', 'utf8')));

describe('timeline', () => {
  it('says what happened, when, and flags pastes and focus losses "review suggested"', () => {
    const entries = timeline(result, bundle);
    expect(entries).toHaveLength(result.events.length);
    expect(entries[0]).toMatchObject({ at: 0, text: 'Started the exercise (from an invite)', reviewSuggested: false });
    expect(entries[1]?.text).toBe('Opened task 1 (Capital of Australia)');
    const paste = entries.find((e) => e.type === 'critique.paste');
    expect(paste?.text).toMatch(
      /^Pasted \d+ characters from outside the task into the critique of Response [A-C], task 2 \(Sum/,
    );
    expect(paste?.reviewSuggested).toBe(true);
    expect(
      entries.filter((e) => e.reviewSuggested).every((e) => ['critique.paste', 'focus.lost'].includes(e.type)),
    ).toBe(true);
    const ranking = entries.find((e) => e.type === 'ranking.change');
    expect(ranking?.text).toBe('Changed the ranking of task 1 (Capital of Australia): B, C, A');
    expect(entries.at(-1)?.text).toBe('Exported the result file (submitted)');
    expect(entries.map((e) => e.text).join(' ')).not.toMatch(/cheat|suspicious/i);
  });

  it('tells quotes of the task from outside pastes, and does not flag them', () => {
    const quote = {
      ...result.events[1],
      seq: 1,
      type: 'critique.quote' as const,
      data: {
        taskId: result.tasks[1]!.taskId,
        outputId: result.tasks[1]!.shownOrder[0]!,
        length: 31,
        from: 'response',
        fromOutputId: result.tasks[1]!.shownOrder[1]!,
      },
    };
    const fromPrompt = { ...quote, seq: 2, data: { ...quote.data, from: 'prompt', fromOutputId: undefined } };
    const entries = timeline(
      { ...result, events: [result.events[0] as never, quote as never, fromPrompt as never] },
      bundle,
    );
    expect(entries[1]).toMatchObject({
      text: 'Quoted 31 characters of Response B in the critique of Response A, task 2 (Sum of the first hundred numbers)',
      reviewSuggested: false,
    });
    expect(entries[2]?.text).toMatch(/^Quoted 31 characters of the prompt in the critique of Response A/);
  });

  it('says how long the page was out of focus', () => {
    const lost = { ...result.events[1], seq: 1, type: 'focus.lost' as const, tMono: 60_000, data: {} };
    const back = { ...result.events[1], seq: 2, type: 'focus.regained' as const, tMono: 95_000, data: {} };
    const entries = timeline({ ...result, events: [result.events[0] as never, lost as never, back as never] }, null);
    expect(entries[1]).toMatchObject({ text: 'The page lost focus (another window or tab)', reviewSuggested: true });
    expect(entries[2]).toMatchObject({ text: 'The page regained focus after 35 s', reviewSuggested: false });
  });
});

describe('rankingAgreement', () => {
  it('accepts any order among tied outputs', () => {
    const gold = [['a'], ['b', 'c'], ['d']];
    expect(rankingAgreement(['a', 'c', 'b', 'd'], gold).map((r) => r.agrees)).toEqual([true, true, true, true]);
    expect(rankingAgreement(['b', 'a', 'c', 'd'], gold)).toEqual([
      { outputId: 'b', tier: 1, agrees: false },
      { outputId: 'a', tier: 0, agrees: false },
      { outputId: 'c', tier: 1, agrees: true },
      { outputId: 'd', tier: 2, agrees: true },
    ]);
    expect(rankingAgreement(['z'], gold)).toEqual([{ outputId: 'z', tier: null, agrees: null }]);
  });
});

describe('format', () => {
  it('writes times and correlations for people', () => {
    expect(sinceStart(0)).toBe('+0:00');
    expect(sinceStart(725_000)).toBe('+12:05');
    expect(sinceStart(3_723_000)).toBe('+1:02:03');
    expect(duration(45_000)).toBe('45 s');
    expect(duration(725_000)).toBe('12 min 5 s');
    expect(duration(3_720_000)).toBe('1 h 2 min');
    expect(signed(0.5)).toBe('+0.50');
    expect(signed(-1)).toBe('−1.00');
    expect(signed(null)).toBe('not measured');
  });
});
