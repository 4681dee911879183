/**
 * Helpers for the tests of offline delivery: the service worker of the hosted app,
 * and take-home copies opened from disk.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { makeTakeHomeHtml } from '../../../src/core/index.ts';
import { expect } from './fixtures.ts';

/**
 * Waits until the service worker is active and controls the page. A first visit is
 * not controlled (the worker does not claim open pages): one reload makes it so.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  }
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}

/** A fresh directory in the system's temp dir, removed by `cleanup`. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Writes a take-home copy of `bundleFile` (made from the template `npm run build`
 * publishes, dist/assay-take-home.html, as the hiring team's page does) into `dir`,
 * and returns its file:// URL.
 */
export async function writeTakeHomeCopy(dir: string, bundleFile: string, name: string): Promise<string> {
  const template = await readFile('dist/assay-take-home.html', 'utf8');
  const bundle = JSON.parse(await readFile(bundleFile, 'utf8')) as unknown;
  const file = path.join(dir, name);
  await writeFile(file, makeTakeHomeHtml(template, { bundle }));
  return pathToFileURL(file).href;
}

/** Schemes a page opened from disk may request: itself, inline data, and blob: (downloads it makes). */
export const LOCAL_SCHEMES = ['file:', 'data:', 'blob:'];

/** Every request of every page of the page's context whose scheme is not in LOCAL_SCHEMES. */
export function recordNonLocalRequests(page: Page): string[] {
  const seen: string[] = [];
  page.context().on('request', (request) => {
    const url = request.url();
    if (!LOCAL_SCHEMES.includes(new URL(url).protocol)) seen.push(`${request.method()} ${url}`);
  });
  return seen;
}
