/**
 * `npm run bench`: figures for the closing notes, run by hand (never in CI, never
 * as assertions). Builds the app, drives it in Debian's Chromium and prints:
 * - gzip bytes of JS and CSS the candidate page loads (first screen, and the whole
 *   exercise through export);
 * - time to render a task with five 20 KB outputs;
 * - p95 autosave commit time over 100 edits.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts';
import { startStaticServer } from '../tests/e2e/support/static-server.ts';
import { bigBundle } from './big-bundle.ts';
import { makeResults } from './make-results.ts';
import { scoreData } from './score-data.ts';
import {
  bundleHash,
  checkBatch,
  createAttemptKey,
  makeTakeHomeHtml,
  signResult,
  scoreResult,
  validateBundle,
  verifyResult,
  type CryptoProvider,
  type Result,
  type VerificationReport,
} from '../src/core/index.ts';
import { nodeCryptoProvider } from '../src/cli/node-crypto.ts';

const line = (label: string, value: string) => console.log(`${label.padEnd(58, '.')} ${value}`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

console.log('Building the app…');
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/big.json', JSON.stringify(bigBundle()));

const server = await startStaticServer({ '/': 'dist', '/__bench__/': 'bench/results' });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

async function startExercise(page: Page, src: string) {
  await page.goto(`${server.url}/#/take?src=${encodeURIComponent(src)}`);
  await page.getByLabel('Your name').fill('Bench Candidate');
  await page.getByLabel('Your email').fill('bench@example.org');
  await page.getByRole('checkbox', { name: /I have read the instructions/ }).check();
  await page.getByRole('button', { name: 'Start the exercise' }).click();
  await page.getByRole('timer').waitFor();
}

try {
  // 1. Bytes the candidate page loads.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    const assets = new Map<string, number>();
    page.on('response', async (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      try {
        assets.set(response.url(), gzipSync(await response.body(), { level: 9 }).length);
      } catch {
        /* a response without a body */
      }
    });
    const sum = (kind: RegExp) => [...assets].filter(([u]) => kind.test(u)).reduce((n, [, b]) => n + b, 0);
    await page.goto(`${server.url}/#/take?src=${encodeURIComponent('exercises/code-review.json')}`);
    await page.getByRole('button', { name: 'Start the exercise' }).waitFor();
    const firstJs = sum(/\.js$/);
    const firstCss = sum(/\.css$/);
    await startExercise(page, 'exercises/code-review.json');
    await page.getByRole('button', { name: 'Review and submit', exact: false }).first().click();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my result file' }).click();
    await download;
    line('Candidate page, first screen: JS (gzip)', kb(firstJs));
    line('Candidate page, first screen: CSS (gzip)', kb(firstCss));
    line('Candidate page, whole exercise to export: JS (gzip)', kb(sum(/\.js$/)));
    line('Candidate page, whole exercise to export: CSS (gzip)', kb(sum(/\.css$/)));
    line('  files loaded', String(assets.size));
    await context.close();
  }

  // 2. Render a task with five 20 KB outputs: from the click in the task list to
  // the next frame painted. "Cold": nothing rendered beforehand (idle callbacks are
  // held back, as on a machine too busy for idle work), so the time includes parsing
  // and sanitising 100 KB of markdown. "Prepared": the app had idle time to render
  // the task's texts in advance, as it does while a candidate works on a task.
  for (const mode of ['cold', 'prepared'] as const) {
    const times: number[] = [];
    const fullTimes: number[] = [];
    for (let run = 0; run < 7; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (mode === 'cold') await page.addInitScript(() => (window.requestIdleCallback = () => 0));
      await startExercise(page, '/__bench__/big.json');
      await page.waitForTimeout(mode === 'cold' ? 500 : 3000);
      const [ms, completeMs] = await page.evaluate(async () => {
        const button = [...document.querySelectorAll('nav[aria-label="Tasks"] button')][1] as HTMLButtonElement;
        let completed = 0;
        const complete = new Promise<number>((resolve) =>
          document.addEventListener('markdowncomplete', () => {
            if (++completed === 5) requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
          }),
        );
        const t0 = performance.now();
        button.click();
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        if (document.querySelectorAll('article.output').length !== 5) throw new Error('the task did not render');
        const painted = performance.now() - t0;
        return [painted, (await complete) - t0];
      });
      times.push(ms);
      fullTimes.push(completeMs);
      await context.close();
    }
    line(
      `Render a task with five 20 KB outputs, ${mode}: first paint`,
      `${percentile(times, 50).toFixed(1)} ms (median of 7)`,
    );
    line('  all runs', times.map((t) => t.toFixed(0)).join(', ') + ' ms');
    line(`  ${mode}: all of every output in the DOM and painted`, `${percentile(fullTimes, 50).toFixed(1)} ms`);
  }

  // 3. Autosave commit time.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await startExercise(page, 'exercises/code-review.json');
    const box = page.getByRole('textbox').first();
    await box.click();
    await page.evaluate(() => performance.clearMeasures('assay:autosave'));
    for (let i = 0; i < 100; i++) {
      await box.pressSequentially(`edit ${i}. `, { delay: 0 });
      await page.waitForTimeout(260); // past the debounce, so each edit is its own commit
    }
    await page.waitForTimeout(600);
    const commits = await page.evaluate(() =>
      performance.getEntriesByName('assay:autosave').map((entry) => entry.duration),
    );
    line('Autosave commits measured', String(commits.length));
    line('Autosave commit time p50', `${percentile(commits, 50).toFixed(1)} ms`);
    line('Autosave commit time p95', `${percentile(commits, 95).toFixed(1)} ms`);
    line('Autosave commit time max', `${Math.max(...commits).toFixed(1)} ms`);
    await context.close();
  }
  // 4. Scoring (workspace and `assay score`): 1,000 candidates × 20 tasks, in Node.
  {
    const { bundle, key, results } = await scoreData(20, 1000);
    for (const r of results.slice(0, 50)) scoreResult(r, bundle, key); // warm-up
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      const t0 = performance.now();
      for (const r of results) scoreResult(r, bundle, key);
      times.push(performance.now() - t0);
    }
    line('Score 1,000 candidates × 20 tasks in Node (median of 5)', `${percentile(times, 50).toFixed(0)} ms`);
  }

  // 5. Signing and verifying results (issue: signed results).
  {
    console.log('Generating 1,000 signed results of about 50 KB…');
    const { bundleText, texts, team } = await makeResults(1000);
    const avg = texts.reduce((n, t) => n + t.length, 0) / texts.length;
    line('Result files', `${texts.length} × ${(avg / 1024).toFixed(1)} KB on average`);

    // Sign time: signResult alone (canonical bytes + ES256), per result.
    const key = await createAttemptKey();
    const signTimes: number[] = [];
    for (const text of texts.slice(0, 300)) {
      const { signature: _s, ...unsigned } = JSON.parse(text) as Result;
      const t0 = performance.now();
      await signResult(unsigned as Result, key);
      signTimes.push(performance.now() - t0);
    }
    line('Sign one result (~50 KB), Node: p50', `${percentile(signTimes, 50).toFixed(2)} ms`);
    line('Sign one result (~50 KB), Node: p95', `${percentile(signTimes, 95).toFixed(2)} ms`);

    const bundleDoc = JSON.parse(bundleText) as unknown;
    const context = {
      bundles: [{ bundle: validateBundle(bundleDoc), hash: await bundleHash(bundleDoc) }],
      teamKeys: [team.signing],
    };
    const verifyAll = async (crypto: CryptoProvider | undefined, concurrency: number) => {
      const t0 = performance.now();
      const reports: VerificationReport[] = new Array(texts.length);
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < texts.length) {
            const i = next++;
            reports[i] = await verifyResult(texts[i] as string, crypto ? { ...context, crypto } : context);
          }
        }),
      );
      checkBatch(reports);
      const ms = performance.now() - t0;
      return { ms, rate: texts.length / (ms / 1000), failed: reports.filter((r) => r.verdict === 'fail').length };
    };
    await verifyAll(nodeCryptoProvider, 16); // warm-up
    for (const [label, crypto, concurrency] of [
      ['Node crypto (as `assay verify`), 16 at a time', nodeCryptoProvider, 16],
      ['Node crypto, one after another', nodeCryptoProvider, 1],
      ['WebCrypto in Node, 16 at a time', undefined, 16],
    ] as const) {
      const { ms, rate, failed } = await verifyAll(crypto, concurrency);
      line(
        `Verify 1,000 results in Node, ${label}`,
        `${rate.toFixed(0)} files/s (${ms.toFixed(0)} ms; ${failed} failed)`,
      );
    }
    {
      mkdirSync('bench/results/files', { recursive: true });
      texts.forEach((t, i) => writeFileSync(`bench/results/files/r${String(i).padStart(4, '0')}.json`, t));
      writeFileSync('bench/results/bundle.json', bundleText);
      writeFileSync('bench/results/team-key.public.json', JSON.stringify(team));
      const t0 = performance.now();
      execFileSync(
        'node',
        [
          'bin/assay.js',
          'verify',
          '--bundle',
          'bench/results/bundle.json',
          '--team-key',
          'bench/results/team-key.public.json',
          'bench/results/files',
        ],
        { stdio: 'ignore' },
      );
      const ms = performance.now() - t0;
      line('`assay verify` on a folder of 1,000 files, wall clock', `${ms.toFixed(0)} ms, process start included`);
    }

    // 6. The workspace in Chromium: import + verify + score 1,000 results, then sort the table.
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/#/workspace`);
      await page
        .locator('input[aria-label="Bundle or answer key files"]')
        .setInputFiles(['exercises/code-review.json']);
      await page.getByText(/Bundle .* added/).waitFor();
      await page
        .locator('input[aria-label="Bundle or answer key files"]')
        .setInputFiles(['exercises/keys/code-review.key.json']);
      await page.getByText(/Answer key for .* added/).waitFor();
      await page.evaluate(() => {
        const w = window as unknown as { __longest: number; __tasks: [number, number][]; __handedOver: number };
        w.__longest = 0;
        w.__tasks = [];
        w.__handedOver = Infinity;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            w.__longest = Math.max(w.__longest, entry.duration);
            w.__tasks.push([entry.startTime, entry.duration]);
          }
        }).observe({ type: 'longtask', buffered: false });
        // Chromium hands the chosen files to the page in one task that ends with this event:
        // the tasks that start after it are the app's own.
        document
          .querySelector('input[aria-label="Result files"]')
          ?.addEventListener('change', () => (w.__handedOver = performance.now()), { capture: true, once: true });
      });
      const files = texts.map((_, i) => `bench/results/files/r${String(i).padStart(4, '0')}.json`);
      const t0 = performance.now();
      await page.locator('input[aria-label="Result files"]').setInputFiles(files);
      await page
        .locator('progress')
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 })
        .catch(() => {});
      await page.waitForFunction(
        () => !document.querySelector('progress[data-importing]') && document.body.innerText.includes('1000 added'),
        null,
        {
          timeout: 120_000,
        },
      );
      const importMs = performance.now() - t0;
      const { longest, longestAfterHandOver } = await page.evaluate(() => {
        const w = window as unknown as { __longest: number; __tasks: [number, number][]; __handedOver: number };
        const after = w.__tasks.filter(([start]) => start > w.__handedOver).map(([, duration]) => duration);
        return { longest: w.__longest, longestAfterHandOver: Math.max(0, ...after) };
      });
      line(
        'Workspace: import + verify + score 1,000 results in Chromium',
        `${(importMs / 1000).toFixed(1)} s (file hand-over included)`,
      );
      line('  longest main-thread task during the import', `${longest.toFixed(0)} ms`);
      line('  longest after the file hand-over (the app alone)', `${longestAfterHandOver.toFixed(0)} ms`);
      const sorts: number[] = [];
      for (let i = 0; i < 5; i++) {
        sorts.push(
          await page.evaluate(async () => {
            const button = [...document.querySelectorAll('th button')].find((b) =>
              /composite/i.test(b.textContent ?? ''),
            );
            if (!button) throw new Error('no composite column');
            const t = performance.now();
            (button as HTMLButtonElement).click();
            await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
            return performance.now() - t;
          }),
        );
      }
      line(
        'Workspace: sort the table of 1,000 candidates (median of 5)',
        `${percentile(sorts, 50).toFixed(0)} ms to the next frame`,
      );
      await context.close();
    }

    // The same in Chromium.
    mkdirSync('bench/results/data', { recursive: true });
    writeFileSync('bench/results/data/bundle.json', bundleText);
    writeFileSync('bench/results/data/team-key.public.json', JSON.stringify(team));
    writeFileSync('bench/results/data/results.json', JSON.stringify(texts));
    execFileSync(
      'npx',
      [
        'vite',
        'build',
        'bench/verify-page',
        '--outDir',
        '../results/verify-page',
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      {
        stdio: 'inherit',
      },
    );
    const pageServer = await startStaticServer({ '/': 'bench/results/verify-page', '/data/': 'bench/results/data' });
    try {
      const page = await browser.newPage();
      await page.goto(`${pageServer.url}/`);
      await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, null, {
        timeout: 120_000,
      });
      const bench = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
        ms: number;
        files: number;
        failed: number;
      };
      line(
        'Verify 1,000 results in Chromium, one after another',
        `${(bench.files / (bench.ms / 1000)).toFixed(0)} files/s (${bench.ms.toFixed(0)} ms; ${bench.failed} failed)`,
      );
      await page.close();
    } finally {
      await pageServer.close();
    }
  }

  // 7. The single file (take-home use): its size, and the time to the first task
  // when a take-home copy of a sample is opened from disk (file://, no server).
  {
    const template = readFileSync('dist/assay-take-home.html', 'utf8');
    line('Single-file build (dist/assay-take-home.html): raw', kb(Buffer.byteLength(template)));
    line('Single-file build: gzip', kb(gzipSync(template, { level: 9 }).length));
    const copy = makeTakeHomeHtml(template, {
      bundle: JSON.parse(readFileSync('exercises/code-review.json', 'utf8')) as unknown,
    });
    const dir = mkdtempSync(join(tmpdir(), 'assay-bench-'));
    const toIntro: number[] = [];
    const toTask: number[] = [];
    for (let run = 0; run < 5; run++) {
      // A new file each run: a new path is a new origin's storage, as on a candidate's first open.
      const path = join(dir, `take-home-${run}.html`);
      writeFileSync(path, copy);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`file://${path}`);
      await page.getByRole('button', { name: 'Start the exercise' }).waitFor();
      toIntro.push(await page.evaluate(() => performance.now()));
      await page.getByLabel('Your name').fill('Bench Candidate');
      await page.getByLabel('Your email').fill('bench@example.org');
      await page.getByRole('checkbox', { name: /I have read the instructions/ }).check();
      const t0 = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Start the exercise' }).click();
      await page.locator('article.output').first().waitFor();
      toTask.push((await page.evaluate(() => performance.now())) - t0);
      await context.close();
    }
    line('Take-home copy from file://: open to start screen (median of 5)', `${percentile(toIntro, 50).toFixed(0)} ms`);
    line('  then Start to the first task on screen (median of 5)', `${percentile(toTask, 50).toFixed(0)} ms`);
    line(
      '  open to first task, total (median of 5)',
      `${percentile(
        toIntro.map((ms, i) => ms + (toTask[i] ?? 0)),
        50,
      ).toFixed(0)} ms (typing the name excluded)`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
