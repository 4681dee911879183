/**
 * The Content-Security-Policy <meta> is in force in both builds, and the suite
 * would notice a violation: every test fails on one (the cspViolations fixture),
 * so this checks that the fixture sees them, with an inline script the policy must
 * block, hosted and from file://.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { tempDir, writeTakeHomeCopy } from './support/offline.ts';

/** Adds an inline script; under the policy it must not run. */
async function injectInlineScript(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.assayInjected = true;';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { assayInjected?: boolean }).assayInjected === true;
  });
}

test('an inline script is blocked and reported, in the hosted app and in a take-home copy', async ({
  page,
  appUrl,
  cspViolations,
}) => {
  await page.goto(appUrl);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await injectInlineScript(page)).toBe(false);
  await expect.poll(() => cspViolations.length).toBe(1);
  expect(JSON.parse(cspViolations[0]?.replace(/^[^{]*/, '') ?? '{}')).toMatchObject({
    effectiveDirective: 'script-src-elem',
    blockedURI: 'inline',
  });

  const { dir, cleanup } = await tempDir('assay-csp-');
  try {
    await page.goto(await writeTakeHomeCopy(dir, 'exercises/code-review.json', 'code-review.html'));
    await expect(page.getByRole('button', { name: 'Start the exercise' })).toBeVisible();
    expect(await injectInlineScript(page)).toBe(false);
    await expect.poll(() => cspViolations.length).toBe(2);
    expect(cspViolations[1]).toContain('"effectiveDirective":"script-src-elem"');
  } finally {
    await cleanup();
  }
  // Seen and expected: not a failure of this test.
  cspViolations.length = 0;
});
