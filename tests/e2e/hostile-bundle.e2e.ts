/**
 * A bundle whose every text field is an attack (script, event handlers,
 * javascript: links, remote images, frames, overlays): nothing runs, nothing is
 * fetched, and the candidate sees the raw HTML as text.
 */
import type { Page } from '@playwright/test';
import { fixtureLink, startExercise } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

interface DomReport {
  pwned: unknown;
  eventAttributes: string[];
  dangerousInMarkdown: string[];
  styledInMarkdown: number;
  fixedInMarkdown: number;
  badUrls: string[];
  frames: number;
  markdownBlocks: number;
}

/** Everything the page could have let through, read from the live DOM. */
function inspect(page: Page): Promise<DomReport> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const eventAttributes = all.flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.tagName.toLowerCase()} ${a.name}>`),
    );
    const dangerous =
      'script, iframe, frame, img, svg, math, object, embed, style, link, meta, base, form, input, button, textarea, select, video, audio, source, picture, template, dialog, noscript';
    const dangerousInMarkdown = [...document.querySelectorAll('.markdown')].flatMap((md) =>
      [...md.querySelectorAll(dangerous)].map((el) => el.tagName.toLowerCase()),
    );
    const inMarkdown = [...document.querySelectorAll('.markdown *')];
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset'];
    // The app's own favicon (a data: SVG in <head>) is the one data: URL allowed.
    const ownIcon = (el: Element) => el.parentElement === document.head && el.matches('link[rel="icon"]');
    const badUrls = all
      .filter((el) => !ownIcon(el))
      .flatMap((el) =>
        urlAttributes
          .map((name) => el.getAttribute(name))
          .filter((v): v is string => v !== null && /^\s*(javascript|vbscript|data):/i.test(v)),
      );
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      eventAttributes,
      dangerousInMarkdown,
      styledInMarkdown: inMarkdown.filter((el) => el.hasAttribute('style')).length,
      fixedInMarkdown: inMarkdown.filter((el) =>
        ['fixed', 'absolute', 'sticky'].includes(getComputedStyle(el).position),
      ).length,
      badUrls,
      frames: document.querySelectorAll('iframe, frame, object, embed').length,
      markdownBlocks: document.querySelectorAll('.markdown').length,
    };
  });
}

async function expectNothingGotThrough(page: Page, where: string, minMarkdown: number): Promise<void> {
  const report = await inspect(page);
  expect(report.markdownBlocks, `${where}: markdown blocks rendered`).toBeGreaterThanOrEqual(minMarkdown);
  expect(report, where).toEqual({
    pwned: undefined,
    eventAttributes: [],
    dangerousInMarkdown: [],
    styledInMarkdown: 0,
    fixedInMarkdown: 0,
    badUrls: [],
    frames: 0,
    markdownBlocks: report.markdownBlocks,
  });
}

test('a hostile bundle runs nothing, loads nothing and shows its HTML as text', async ({ page, context, appUrl }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const popups: string[] = [];
  context.on('page', (opened) => popups.push(opened.url()));

  await page.goto(fixtureLink(appUrl, 'hostile.json'));

  // Intro: title, domain, issuer and instructions.
  const title = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=3"> title';
  await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
  await expect(
    page.getByText('<img src=x onerror="window.__pwned=3"><svg onload="window.__pwned=4">').first(),
  ).toBeVisible();
  const instructions = page.getByRole('region', { name: 'Instructions' });
  await expect(instructions.getByText('<script>window.__pwned=1</script>').first()).toBeVisible();
  await expect(instructions.getByText('<iframe src="javascript:alert(1)"></iframe>').first()).toBeVisible();
  await expect(instructions.getByText('[image: x — https://example.invalid/track.png]').first()).toBeVisible();
  await expectNothingGotThrough(page, 'intro', 1);

  await startExercise(page);

  // Task 1 (prompt, context, two outputs, hostile taxonomy and severities).
  await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
  const prompt = page.getByRole('region', { name: 'Prompt given to the model' });
  await expect(prompt.getByText('<script>window.__pwned=1</script>').first()).toBeVisible();
  await expect(prompt.getByText('<svg onload="window.__pwned=4"></svg>').first()).toBeVisible();
  await expect(page.getByText('Context one.')).toBeVisible();
  const responseA = page.getByRole('region', { name: 'Text of response A' });
  await expect(responseA.getByText('<img src=x onerror="window.__pwned=3">').first()).toBeVisible();
  await expect(responseA.getByText('<div style="position:fixed;inset:0;background:red">').first()).toBeVisible();
  await expect(
    page
      .getByRole('article', { name: 'Response A' })
      .getByRole('checkbox', { name: '<img src=x onerror="window.__pwned=3">' }),
  ).toBeVisible();
  // Opening the category guide shows the hostile descriptions as text too.
  await page.getByText('What the error categories and severities mean').click();
  await expect(page.getByText('<iframe src="javascript:alert(1)"></iframe>', { exact: true })).toBeVisible();
  await expectNothingGotThrough(page, 'task 1', 4);

  // Use the page a little: mark, write, rank.
  const article = page.getByRole('article', { name: 'Response A' });
  await article.getByRole('checkbox', { name: '<script>window.__pwned=1</script>' }).check();
  await article.getByRole('radio', { name: '<b onclick=alert(1)>low</b>' }).check();
  await page
    .getByRole('textbox', { name: 'Your critique of response A' })
    .fill('<img src=x onerror="window.__pwned=99">');
  await page.getByRole('button', { name: 'Move response B up' }).click();
  await expectNothingGotThrough(page, 'task 1 after answering', 4);

  await page.getByRole('button', { name: 'Next task →' }).click();
  await expect(page.getByText('Task 2 of 2')).toBeVisible();
  await expect(page.getByText('Prompt two.')).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Text of response C' }).getByText('<script>window.__pwned=1</script>').first(),
  ).toBeVisible();
  await expectNothingGotThrough(page, 'task 2', 5);

  await page.getByRole('button', { name: 'Review and submit →' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review and submit' })).toBeVisible();
  await expect(page.getByText(`Task 1: ${title}`)).toBeVisible();
  await expectNothingGotThrough(page, 'review', 0);

  await page.getByRole('button', { name: 'Submit my answers' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your answers are submitted' })).toBeVisible();
  await expectNothingGotThrough(page, 'done', 0);

  // Give any delayed handler (onerror, onload, animations) a moment to fire.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(popups).toEqual([]);
  expect(requests.filter((url) => url.includes('example.invalid'))).toEqual([]);
  expect(requests.every((url) => url.startsWith(appUrl))).toBe(true);
});
