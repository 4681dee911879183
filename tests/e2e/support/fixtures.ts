/**
 * Playwright fixtures for the end-to-end tests: one static server per worker that
 * serves the built app (dist/) and the fixture bundles under /__fixtures__/.
 * Every test gets Playwright's fresh browser context, so IndexedDB starts empty,
 * and fails if any page of it throws an uncaught exception or reports a
 * Content-Security-Policy violation.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startStaticServer, type StaticServer } from './static-server.ts';

export interface WorkerFixtures {
  server: StaticServer;
}

export interface TestFixtures {
  /** The served app's root URL with a trailing slash, e.g. http://127.0.0.1:1234/ */
  appUrl: string;
  /** Uncaught exceptions of every page of the test's context (checked after the test). */
  pageErrors: string[];
  /** `securitypolicyviolation` events of every page of the test's context (checked after the test). */
  cspViolations: string[];
}

/** How a page reports a CSP violation on its console (see the cspViolations fixture). */
export const CSP_VIOLATION_PREFIX = '[assay-e2e] securitypolicyviolation ';

/** Runs in every page and frame before its own scripts (context.addInitScript). */
function reportCspViolations(prefix: string): void {
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const { effectiveDirective, blockedURI, sourceFile, lineNumber, columnNumber, sample, disposition } = event;
      console.error(
        prefix +
          JSON.stringify({ effectiveDirective, blockedURI, sourceFile, lineNumber, columnNumber, sample, disposition }),
      );
    },
    true,
  );
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startStaticServer({ '/': 'dist', '/__fixtures__/': 'tests/fixtures/bundles' });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  appUrl: async ({ server }, use) => {
    await use(`${server.url}/`);
  },
  pageErrors: [
    async ({ context }, use, testInfo) => {
      const errors: string[] = [];
      const watch = (page: Page) =>
        page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.stack ?? error.message}`));
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      if (errors.length > 0) {
        await testInfo.attach('page-errors', { body: errors.join('\n\n'), contentType: 'text/plain' });
        expect(errors, 'uncaught exceptions in the page').toEqual([]);
      }
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ context }, use, testInfo) => {
      const violations: string[] = [];
      await context.addInitScript(reportCspViolations, CSP_VIOLATION_PREFIX);
      const watch = (page: Page) =>
        page.on('console', (message) => {
          const text = message.text();
          if (text.startsWith(CSP_VIOLATION_PREFIX))
            violations.push(`${page.url()}: ${text.slice(CSP_VIOLATION_PREFIX.length)}`);
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(violations);
      if (violations.length > 0) {
        await testInfo.attach('csp-violations', { body: violations.join('\n'), contentType: 'text/plain' });
        expect(violations, 'Content-Security-Policy violations').toEqual([]);
      }
    },
    { auto: true },
  ],
});

export { expect };
