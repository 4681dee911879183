/**
 * Never losing work: critiques survive a reload and a close right after typing,
 * the timer keeps running across reloads, the link resumes the same task and
 * ranking, and two tabs of one attempt never overwrite each other.
 */
import type { Page } from '@playwright/test';
import { fixtureLink, openAndStart, rankingOnScreen, remainingSeconds } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

const critiqueA = (page: Page) => page.getByRole('textbox', { name: 'Your critique of response A' });

test('a critique typed 200 ms before a reload is still there after it', async ({ page, appUrl }) => {
  await openAndStart(page, appUrl, 'minimal.json');
  const text = 'Correct and concise: Canberra, in one sentence as asked.';
  await critiqueA(page).click();
  await page.keyboard.type(text);
  await page.waitForTimeout(200);
  await page.reload();
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(critiqueA(page)).toHaveValue(text);
  await expect(page.getByText(`${text.length} / 20 characters minimum ✓`)).toBeVisible();
});

test('a critique typed just before the tab is closed is there when the link is opened again', async ({
  page,
  context,
  appUrl,
}) => {
  await openAndStart(page, appUrl, 'minimal.json');
  const link = page.url();
  const text = 'Wrong: Sydney is the largest city, the capital is Canberra.';
  await critiqueA(page).click();
  await page.keyboard.type(text);
  // Well within 100 ms of the last keystroke: the debounced save has not started yet.
  await page.close();

  const again = await context.newPage();
  await again.goto(link);
  await expect(again.getByRole('timer')).toBeVisible();
  await expect(critiqueA(again)).toHaveValue(text);
});

test('the timer keeps counting down across a reload instead of starting again', async ({ page, appUrl }) => {
  await openAndStart(page, appUrl, 'minimal.json');
  const timer = page.getByRole('timer');
  await expect(timer).toHaveText(/\d+:\d{2} left/);
  const before = remainingSeconds((await timer.textContent()) ?? '');
  expect(before).toBeLessThanOrEqual(30 * 60);
  expect(before).toBeGreaterThan(30 * 60 - 30);

  await page.waitForTimeout(2000);
  await page.reload();
  await expect(timer).toHaveText(/\d+:\d{2} left/);
  const after = remainingSeconds((await timer.textContent()) ?? '');
  // At least the two seconds waited have gone; a reset would show the full 30:00 again.
  expect(before - after).toBeGreaterThanOrEqual(2);
  expect(before - after).toBeLessThanOrEqual(15);
  expect(after).toBeLessThan(30 * 60);

  // And it still runs after the reload.
  await expect
    .poll(async () => remainingSeconds((await timer.textContent()) ?? ''), { timeout: 5000 })
    .toBeLessThan(after);
});

test('reopening the link returns to the same task with the ranking as it was left', async ({
  page,
  context,
  appUrl,
}) => {
  await openAndStart(page, appUrl, 'minimal.json');
  const link = page.url();
  // Task 1: put response C first.
  await page.getByRole('combobox', { name: 'Rank of response C' }).selectOption('1');
  await expect.poll(() => rankingOnScreen(page, 'capital')).toEqual(['long', 'right', 'wrong']);
  // Task 2: move response B up.
  await page.getByRole('button', { name: 'Next task →' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sum of the first hundred numbers' })).toBeVisible();
  await page.getByRole('button', { name: 'Move response B up' }).click();
  await expect.poll(() => rankingOnScreen(page, 'sum')).toEqual(['slip', 'gauss']);
  await expect(page.getByText('All changes saved')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sum of the first hundred numbers' })).toBeVisible();
  await expect(page.getByText('Task 2 of 2')).toBeVisible();
  expect(await rankingOnScreen(page, 'sum')).toEqual(['slip', 'gauss']);
  await expect(page.getByText('✓ Ranked. You can still change the order.')).toBeVisible();

  await page.close();
  const again = await context.newPage();
  await again.goto(link);
  await expect(again.getByRole('heading', { level: 1, name: 'Sum of the first hundred numbers' })).toBeVisible();
  await expect(again.getByRole('button', { name: 'Response B, rank 1 of 2' })).toBeVisible();
  await again.getByRole('button', { name: '← Previous task' }).click();
  await expect(again.getByRole('heading', { level: 1, name: 'Capital of Australia' })).toBeVisible();
  await expect.poll(() => rankingOnScreen(again, 'capital')).toEqual(['long', 'right', 'wrong']);
});

test('a second tab of the same attempt is read-only until it takes over, and neither overwrites the other', async ({
  page: first,
  context,
  appUrl,
}) => {
  await openAndStart(first, appUrl, 'minimal.json');
  await critiqueA(first).click();
  await first.keyboard.type('Typed in the first tab.');
  await expect(first.getByText('All changes saved')).toBeVisible();

  const second = await context.newPage();
  await second.goto(fixtureLink(appUrl, 'minimal.json'));
  const secondBanner = second.getByRole('status').filter({ hasText: 'open in another tab' });
  await expect(secondBanner).toBeVisible();
  await expect(secondBanner).toContainText('read-only');
  await expect(critiqueA(second)).toHaveValue('Typed in the first tab.');
  await expect(critiqueA(second)).toBeDisabled();
  const responseA = second.getByRole('article', { name: 'Response A' });
  await expect(responseA.getByRole('checkbox', { name: 'Factual error' })).toBeDisabled();
  await expect(responseA.getByRole('checkbox', { name: 'No problems found' })).toBeDisabled();
  await expect(second.getByRole('combobox', { name: 'Rank of response A' })).toBeDisabled();
  await expect(second.getByRole('button', { name: 'Move response A down' })).toBeDisabled();
  await expect(second.getByRole('button', { name: 'Keep this order' })).toBeDisabled();
  // The first tab is not told anything: it still edits.
  await expect(first.getByText('open in another tab')).toHaveCount(0);
  await expect(critiqueA(first)).toBeEnabled();

  // What the first tab types shows up in the read-only one.
  await first.keyboard.type(' More from the first.');
  await expect(critiqueA(second)).toHaveValue('Typed in the first tab. More from the first.');

  await first.keyboard.type(' Last words.');
  await expect(first.getByText('All changes saved')).toBeVisible();
  await second.getByRole('button', { name: 'Continue in this tab' }).click();
  await expect(secondBanner).toHaveCount(0);
  const lostBanner = first.getByRole('status').filter({ hasText: 'You continued this exercise in another tab' });
  await expect(lostBanner).toBeVisible();
  await expect(critiqueA(first)).toBeDisabled();
  await expect(first.getByRole('article', { name: 'Response A' }).getByRole('checkbox').first()).toBeDisabled();
  await expect(critiqueA(second)).toBeEnabled();
  await expect(critiqueA(second)).toHaveValue('Typed in the first tab. More from the first. Last words.');

  // The second tab now edits; the first follows it read-only and keeps nothing of its own over it.
  await critiqueA(second).press('End');
  await second.keyboard.type(' From the second.');
  const all = 'Typed in the first tab. More from the first. Last words. From the second.';
  await expect(critiqueA(first)).toHaveValue(all);
  await expect(second.getByText('All changes saved')).toBeVisible();

  // Typing into the read-only first tab changes nothing anywhere.
  await first.keyboard.type(' ignored');
  await expect(critiqueA(first)).toHaveValue(all);
  await second.reload();
  await expect(critiqueA(second)).toBeEnabled();
  await expect(critiqueA(second)).toHaveValue(all);
  await expect(critiqueA(first)).toHaveValue(all);
});

test('taking over right after the first tab typed keeps its last words (handover)', async ({
  page: first,
  context,
  appUrl,
}) => {
  await openAndStart(first, appUrl, 'minimal.json');
  const second = await context.newPage();
  await second.goto(fixtureLink(appUrl, 'minimal.json'));
  await expect(second.getByRole('button', { name: 'Continue in this tab' })).toBeVisible();

  // Slow the first tab down, type, and take over at once: its last words are not saved yet.
  const cdp = await context.newCDPSession(first);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await critiqueA(first).click();
  await first.keyboard.type('Words typed a moment before the other tab took over.');
  await second.getByRole('button', { name: 'Continue in this tab' }).click();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  await expect(critiqueA(second)).toBeEnabled();
  await expect(critiqueA(second)).toHaveValue('Words typed a moment before the other tab took over.');
  await critiqueA(second).press('End');
  await second.keyboard.type(' Then more.');
  await expect(second.getByText('All changes saved')).toBeVisible();
  await second.reload();
  await expect(critiqueA(second)).toHaveValue('Words typed a moment before the other tab took over. Then more.');
});
