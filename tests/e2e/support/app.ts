/**
 * Helpers shared by the end-to-end tests: opening and starting an exercise, moving
 * focus with the keyboard only, reading the timer and downloaded files.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export const CANDIDATE = { name: 'Ada Lovelace', email: 'ada@example.org' } as const;

/** `#/take?src=…` for a fixture bundle served under /__fixtures__/. */
export function fixtureLink(appUrl: string, file: string): string {
  return `${appUrl}#/take?src=${encodeURIComponent(`/__fixtures__/${file}`)}`;
}

/** Fills in and confirms the start screen with the mouse (tests that are not about the keyboard). */
export async function startExercise(page: Page, candidate: { name: string; email: string } = CANDIDATE): Promise<void> {
  await page.getByLabel('Your name').fill(candidate.name);
  await page.getByLabel('Your email').fill(candidate.email);
  await page.getByRole('checkbox', { name: /I have read the instructions/ }).check();
  await page.getByRole('button', { name: 'Start the exercise' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
}

/** Opens a fixture bundle by link and starts it. */
export async function openAndStart(page: Page, appUrl: string, file: string): Promise<void> {
  await page.goto(fixtureLink(appUrl, file));
  await startExercise(page);
}

/** What has focus, described so a test can recognise it. */
export interface Focused {
  tag: string;
  type: string;
  id: string;
  /** aria-label, else the text of the element's <label>, else its own text. */
  name: string;
  /** id of the closest <fieldset>, if any. */
  fieldset: string;
  href: string;
}

/**
 * Describes the focused element (`ahead` = 0), or also the `ahead` elements that Tab
 * should reach next, in order, as far as the DOM tells (a guess, always checked).
 */
function describeFocus(ahead: number): Focused[] {
  const describe = (el: Element | null): Focused => {
    if (!el) return { tag: '', type: '', id: '', name: '', fieldset: '', href: '' };
    const labels = (el as HTMLInputElement).labels;
    const name =
      el.getAttribute('aria-label') ??
      (labels && labels.length > 0 ? (labels[0]?.textContent ?? '') : (el.textContent ?? ''));
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') ?? '',
      id: el.id,
      name: name.replace(/\s+/g, ' ').trim(),
      fieldset: el.closest('fieldset')?.id ?? '',
      href: el.getAttribute('href') ?? '',
    };
  };
  const active = document.activeElement;
  const current = describe(active);
  if (ahead === 0) return [current];
  const modal = document.querySelector('dialog:modal');
  const groups = new Set<string>();
  const tabbable = [
    ...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]'),
  ].filter((el) => {
    const tabIndex = el.getAttribute('tabindex');
    if (tabIndex !== null && Number(tabIndex) < 0) return false;
    if (el.matches(':disabled') || (el instanceof HTMLInputElement && el.type === 'hidden')) return false;
    if (el.closest('[inert]') || (modal && !modal.contains(el))) return false;
    if (el.tagName === 'SUMMARY' && el.parentElement?.querySelector(':scope > summary') !== el) return false;
    if (!el.checkVisibility({ checkVisibilityCSS: true })) return false;
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      // One stop per radio group: the checked radio, else the first.
      const group = [
        ...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]`),
      ];
      const stop = group.find((r) => r.checked) ?? group[0];
      if (stop !== el || groups.has(el.name)) return false;
      groups.add(el.name);
    }
    return true;
  });
  let index = active ? tabbable.indexOf(active) : -1;
  if (index < 0 && active && active !== document.body) {
    // Focus on something Tab skips (tabindex=-1): Tab goes to the next tabbable after it.
    index = tabbable.findIndex((el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) - 1;
  }
  return [current, ...tabbable.slice(index + 1, index + 1 + ahead).map(describe)];
}

export async function focused(page: Page): Promise<Focused> {
  const [current] = await page.evaluate(describeFocus, 0);
  return current as Focused;
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, and fails with the
 * path taken when it does not within `max` presses. Going forwards, the number of
 * presses is first worked out from the DOM and pressed in one go, then checked; if
 * the guess was wrong it goes on one press at a time.
 */
export async function tabTo(
  page: Page,
  match: (f: Focused) => boolean,
  options: { backwards?: boolean; max?: number; what?: string } = {},
): Promise<Focused> {
  const max = options.max ?? 120;
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  const seen: string[] = [];
  let pressed = 0;
  if (!options.backwards) {
    // From nowhere (focus on the body), Tab starts where the browser last had focus: take one step first.
    if ((await focused(page)).tag === 'body') {
      await page.keyboard.press(key);
      pressed++;
    }
    const [current, ...ahead] = await page.evaluate(describeFocus, max - pressed);
    if (current && match(current)) return current;
    const guess = ahead.findIndex(match) + 1;
    if (guess > 0) {
      for (let i = 0; i < guess; i++, pressed++) await page.keyboard.press(key);
      const f = await focused(page);
      if (match(f)) return f;
      seen.push(`(after ${guess} presses, guessed from the DOM) ${f.tag}${f.id ? `#${f.id}` : ''} "${f.name}"`);
    }
  }
  for (; pressed < max; pressed++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (match(f)) return f;
    seen.push(`${f.tag}${f.id ? `#${f.id}` : ''} "${f.name.slice(0, 30)}"`);
  }
  throw new Error(
    `${key} did not reach ${options.what ?? 'the element'} in ${max} presses; went through:\n${seen.join('\n')}`,
  );
}

/** Parses "12:34 left" (or "1:02:03 left") into seconds. */
export function remainingSeconds(timerText: string): number {
  const match = /(\d+(?::\d{2}){1,2}) left/.exec(timerText);
  if (!match?.[1]) throw new Error(`The timer does not show the time left: "${timerText}"`);
  return match[1].split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

export async function downloadedText(download: Download): Promise<string> {
  const file = await download.path();
  return readFile(file, 'utf8');
}

/** Output ids of a task's ranking list, top to bottom, read from the item ids on screen. */
export async function rankingOnScreen(page: Page, taskId: string): Promise<string[]> {
  const prefix = `rank-item-${taskId}-`;
  const ids = await page.locator(`[id^="${prefix}"]`).evaluateAll((els) => els.map((el) => el.id));
  return ids.map((id) => id.slice(prefix.length));
}

/** Output ids in the order the responses are shown on a task page (from the critique boxes). */
export async function shownOrderOnScreen(page: Page, taskId: string): Promise<string[]> {
  const prefix = `critique-${taskId}-`;
  const ids = await page.locator(`textarea[id^="${prefix}"]`).evaluateAll((els) => els.map((el) => el.id));
  return ids.map((id) => id.slice(prefix.length));
}
