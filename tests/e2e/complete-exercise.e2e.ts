/**
 * A whole exercise, start to result file: a sample exercise done with the keyboard
 * only, and the mouse's drag-and-drop ranking on the fixture bundle. The result
 * file is checked with the app's own core and with the checked-in JSON Schema.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { bundleHash, parseResultText, validateBundle, type Result } from '../../src/core/index.ts';
import {
  CANDIDATE,
  downloadedText,
  openAndStart,
  rankingOnScreen,
  shownOrderOnScreen,
  tabTo,
  type Focused,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { jsonSchemaErrors } from '../helpers/json-schema.ts';

const SAMPLE_FILE = 'exercises/instruction-following.json';

interface ExpectedOutput {
  critique: string;
  categories: string[];
  severity: string | null;
  noIssues: boolean;
}

const isCheckbox = (fieldset: string, name: string) => (f: Focused) =>
  f.tag === 'input' && f.type === 'checkbox' && f.fieldset === fieldset && f.name === name;

/** Applies the same moves as RankingList does, to know what the screen must show. */
function moved(order: string[], id: string, to: number): string[] {
  const next = order.filter((x) => x !== id);
  next.splice(Math.max(0, Math.min(order.length - 1, to)), 0, id);
  return next;
}

async function expectRanking(page: Page, taskId: string, expected: string[]): Promise<void> {
  await expect.poll(() => rankingOnScreen(page, taskId)).toEqual(expected);
}

function critiqueFor(taskIndex: number, label: string): string {
  // 80 characters is the sample's minimum: just over it.
  return `Task ${taskIndex + 1}, response ${label}: breaks a stated constraint; quote it, say why and how to fix.`;
}

async function validateEverywhere(text: string): Promise<Result> {
  const result = parseResultText(text);
  const schema = JSON.parse(await readFile('exercises/schema/result.schema.json', 'utf8')) as Record<string, unknown>;
  expect(jsonSchemaErrors(schema, JSON.parse(text))).toEqual([]);
  // Both checks can fail: a broken copy is refused by each.
  const broken = JSON.parse(text) as { status: string; tasks: { ranking: string[] | null }[] };
  broken.status = 'finished';
  expect(jsonSchemaErrors(schema, broken).length).toBeGreaterThan(0);
  expect(() => parseResultText(JSON.stringify(broken))).toThrow();
  return result;
}

test('a sample exercise can be completed, submitted and downloaded with the keyboard only', async ({
  page,
  appUrl,
}) => {
  // Hundreds of key presses: slow on a loaded 2-core machine, so a generous limit.
  test.setTimeout(300_000);
  const bundleText = await readFile(SAMPLE_FILE, 'utf8');
  const bundle = validateBundle(JSON.parse(bundleText));
  const expectedHash = await bundleHash(JSON.parse(bundleText));

  // Start page → the sample's link, reached with Tab and opened with Enter.
  await page.goto(appUrl);
  await expect(page.getByRole('heading', { name: 'Sample exercises' })).toBeVisible();
  const sampleLink = page.getByRole('link', { name: bundle.title });
  await expect.soft(sampleLink, 'the start page lists the sample exercises').toBeVisible();
  if (await sampleLink.isVisible()) {
    await tabTo(page, (f) => f.tag === 'a' && f.href.includes(encodeURIComponent(SAMPLE_FILE)), {
      what: 'the sample exercise link',
    });
    await page.keyboard.press('Enter');
  } else {
    // Reported as a failure above; go on by the link itself so the rest is still tested.
    await page.goto(`${appUrl}#/take?src=${encodeURIComponent(SAMPLE_FILE)}`);
  }
  await expect(page.getByRole('heading', { level: 1, name: bundle.title }).first()).toBeVisible();

  // Start screen.
  await tabTo(page, (f) => f.id === 'candidate-name', { what: 'the name field' });
  await page.keyboard.type(CANDIDATE.name);
  await page.keyboard.press('Tab');
  expect((await page.evaluate(() => document.activeElement?.id)) ?? '').toBe('candidate-email');
  await page.keyboard.type(CANDIDATE.email);
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Your name')).toBeFocused();
  await expect(page.getByLabel('Your name')).toHaveValue(CANDIDATE.name);
  await tabTo(page, (f) => f.id === 'consent', { what: 'the consent checkbox' });
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: /I have read the instructions/ })).toBeChecked();
  await tabTo(page, (f) => f.tag === 'button' && f.name === 'Start the exercise', { what: 'the start button' });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer')).toBeVisible();

  const expected = new Map<string, { shown: string[]; ranking: string[]; outputs: Map<string, ExpectedOutput> }>();
  for (const [t, task] of bundle.tasks.entries()) {
    await expect(page.getByRole('heading', { level: 1, name: task.title })).toBeVisible();
    await expect(page.getByText(`Task ${t + 1} of ${bundle.tasks.length}`)).toBeVisible();
    const shown = await shownOrderOnScreen(page, task.id);
    expect([...shown].sort()).toEqual(task.outputs.map((o) => o.id).sort());
    const outputs = new Map<string, ExpectedOutput>();

    for (const [i, outputId] of shown.entries()) {
      const label = String.fromCharCode(65 + i);
      const base = `${task.id}-${outputId}`;
      const answer: ExpectedOutput = {
        critique: critiqueFor(t, label),
        categories: [],
        severity: null,
        noIssues: false,
      };
      if (i === 0) {
        await tabTo(page, isCheckbox(`categories-${base}`, 'No problems found'), { what: `"No problems" of ${base}` });
        await page.keyboard.press('Space');
        answer.noIssues = true;
      } else {
        const category = i % 2 === 1 ? 'Instruction not followed' : 'Omission';
        await tabTo(page, isCheckbox(`categories-${base}`, category), { what: `${category} of ${base}` });
        await page.keyboard.press('Space');
        answer.categories = [category === 'Omission' ? 'omission' : 'instruction-not-followed'];
        // Into the severity group (enabled now): Space picks the focused radio, an arrow key the next.
        const radio = await tabTo(page, (f) => f.type === 'radio' && f.fieldset === `severity-${base}`, {
          what: `the severity of ${base}`,
        });
        expect(radio.name).toBe('Minor');
        await page.keyboard.press('Space');
        answer.severity = 'minor';
        if (i === shown.length - 1) {
          await page.keyboard.press('ArrowRight');
          answer.severity = 'major';
        }
      }
      await tabTo(page, (f) => f.id === `critique-${base}`, { what: `the critique of ${base}` });
      // Key by key for the start, then the rest as text input (as an IME or dictation
      // would): typing 1,400 characters one key at a time would take most of a minute.
      await page.keyboard.type(answer.critique.slice(0, 12));
      await page.keyboard.insertText(answer.critique.slice(12));
      outputs.set(outputId, answer);

      const article = page.getByRole('article', { name: `Response ${label}` });
      if (answer.noIssues) await expect(article.getByRole('checkbox', { name: 'No problems found' })).toBeChecked();
      else {
        const severityName = answer.severity === 'major' ? 'Major' : 'Minor';
        await expect(article.getByRole('radio', { name: severityName })).toBeChecked();
      }
      await expect(page.locator(`#critique-${base}`)).toHaveValue(answer.critique);
    }

    // Ranking with the keyboard: number key, Alt+↓, ↓ to the next item, Alt+↑.
    const last = shown[shown.length - 1] as string;
    await tabTo(page, (f) => f.id === `rank-item-${task.id}-${last}`, { what: 'the last ranking item' });
    let ranking = [...shown];
    await page.keyboard.press('1');
    ranking = moved(ranking, last, 0);
    await expectRanking(page, task.id, ranking);
    await page.keyboard.press('Alt+ArrowDown');
    ranking = moved(ranking, last, 1);
    await expectRanking(page, task.id, ranking);
    await page.keyboard.press('ArrowDown');
    const next = ranking[2] as string;
    await expect(page.locator(`#rank-item-${task.id}-${next}`)).toBeFocused();
    await page.keyboard.press('Alt+ArrowUp');
    ranking = moved(ranking, next, 1);
    await expectRanking(page, task.id, ranking);
    await expect(page.locator(`#rank-item-${task.id}-${next}`)).toBeFocused();
    expect(ranking).not.toEqual(shown);
    await expect(page.getByText('✓ Ranked. You can still change the order.')).toBeVisible();
    expected.set(task.id, { shown, ranking, outputs });

    const isLast = t === bundle.tasks.length - 1;
    const pager = isLast ? 'Review and submit →' : 'Next task →';
    await tabTo(page, (f) => f.tag === 'button' && f.name === pager, { what: pager });
    await page.keyboard.press('Enter');
  }

  // Review, then submit through the confirmation dialog.
  await expect(page.getByRole('heading', { level: 1, name: 'Review and submit' })).toBeVisible();
  await expect(page.getByText('✓ Every task is complete.')).toBeVisible();
  await tabTo(page, (f) => f.tag === 'button' && f.name === 'Submit my answers', { what: 'the submit button' });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Submit your answers?' });
  await expect(dialog).toBeVisible();
  await tabTo(page, (f) => f.tag === 'button' && f.name === 'Submit', { what: 'Submit in the dialog', max: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your answers are submitted' })).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText('Submitted');

  await tabTo(page, (f) => f.tag === 'button' && f.name === 'Download my result file', { what: 'the download button' });
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^assay-result_instruction-following.*\.json$/);
  expect(download.suggestedFilename()).not.toContain('_draft');
  const text = await downloadedText(download);

  // The page shows the file's SHA-256 so the candidate can quote it.
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toContainText(sha256);

  const result = await validateEverywhere(text);
  expect(result.status).toBe('submitted');
  expect(result.candidate).toEqual({ name: CANDIDATE.name, email: CANDIDATE.email });
  expect(result.bundle).toEqual({ id: bundle.id, version: bundle.version, sha256: expectedHash });
  expect(result.timing.submittedAt).not.toBeNull();
  expect(result.tasks.map((t) => t.taskId)).toEqual(bundle.tasks.map((t) => t.id));
  for (const task of result.tasks) {
    const want = expected.get(task.taskId);
    if (!want) throw new Error(`unexpected task ${task.taskId}`);
    expect(task.shownOrder).toEqual(want.shown);
    expect(task.ranking).not.toBeNull();
    expect([...(task.ranking ?? [])].sort()).toEqual([...task.shownOrder].sort());
    expect(task.ranking).toEqual(want.ranking);
    expect(task.outputs.map((o) => o.outputId)).toEqual(want.shown);
    for (const output of task.outputs) {
      const answer = want.outputs.get(output.outputId);
      expect(output).toMatchObject({
        critique: answer?.critique,
        categories: answer?.categories,
        severity: answer?.severity,
        noIssues: answer?.noIssues,
      });
      expect(output.critique.length).toBeGreaterThanOrEqual(80);
    }
  }

  const types = result.events.map((e) => e.type);
  for (const type of ['attempt.start', 'task.open', 'ranking.change', 'attempt.submit', 'result.export'])
    expect(types, `event ${type}`).toContain(type);
  expect(types[0]).toBe('attempt.start');
  const opened = result.events.filter((e) => e.type === 'task.open').map((e) => e.data.taskId);
  const ranked = result.events.filter((e) => e.type === 'ranking.change').map((e) => e.data.taskId);
  for (const task of bundle.tasks) {
    expect(opened, `task.open for ${task.id}`).toContain(task.id);
    expect(ranked, `ranking.change for ${task.id}`).toContain(task.id);
  }
  expect(types.indexOf('attempt.submit')).toBeGreaterThan(types.lastIndexOf('ranking.change'));
});

test('responses can be ranked by dragging them with the mouse', async ({ page, appUrl }) => {
  await openAndStart(page, appUrl, 'minimal.json');
  await expect(page.getByRole('heading', { level: 1, name: 'Capital of Australia' })).toBeVisible();
  expect(await rankingOnScreen(page, 'capital')).toEqual(['right', 'wrong', 'long']);
  await expect(page.getByText('Not ranked yet')).toBeVisible();

  const item = (label: string) =>
    page.locator('.ranking li').filter({ has: page.getByRole('button', { name: new RegExp(`^Response ${label},`) }) });
  await item('C').dragTo(item('A'));

  await expectRanking(page, 'capital', ['long', 'right', 'wrong']);
  await expect(page.getByRole('button', { name: 'Response C, rank 1 of 3' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Response A, rank 2 of 3' })).toBeVisible();
  await expect(page.getByText('✓ Ranked. You can still change the order.')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export draft' }).click();
  const text = await downloadedText(await downloading);
  const result = await validateEverywhere(text);
  expect(result.status).toBe('draft');
  const capital = result.tasks.find((t) => t.taskId === 'capital');
  expect(capital?.shownOrder).toEqual(['right', 'wrong', 'long']);
  expect(capital?.ranking).toEqual(['long', 'right', 'wrong']);
  expect(result.tasks.find((t) => t.taskId === 'sum')?.ranking).toBeNull();
  const change = result.events.find((e) => e.type === 'ranking.change');
  expect(change?.data).toEqual({ taskId: 'capital', ranking: ['long', 'right', 'wrong'] });
});
