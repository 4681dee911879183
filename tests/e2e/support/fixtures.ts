/**
 * Playwright fixtures for the end-to-end tests: one static server per worker that
 * serves the built app (dist/) and the fixture bundles under /__fixtures__/.
 * Every test gets Playwright's fresh browser context, so IndexedDB starts empty,
 * and fails if any page of it throws an uncaught exception.
 */
import { test as base, expect } from '@playwright/test';
import { startStaticServer, type StaticServer } from './static-server.ts';

export interface WorkerFixtures {
  server: StaticServer;
}

export interface TestFixtures {
  /** The served app's root URL with a trailing slash, e.g. http://127.0.0.1:1234/ */
  appUrl: string;
  /** Uncaught exceptions of every page of the test's context (checked after the test). */
  pageErrors: string[];
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
      const watch = (page: import('@playwright/test').Page) =>
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
});

export { expect };
