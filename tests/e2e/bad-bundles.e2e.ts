/**
 * Bad bundle files picked on the start page, and a link to a bundle that is not
 * there: each gets a message naming the problem, and nothing is stored.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { fixtureLink } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { BAD_BUNDLES } from '../helpers/bad-files.ts';

const MB = 1024 * 1024;
const minimalText = readFileSync('tests/fixtures/bundles/minimal.json', 'utf8');
const minimal = (): Record<string, unknown> & { tasks: { outputs: unknown[] }[] } =>
  JSON.parse(minimalText) as Record<string, unknown> & { tasks: { outputs: unknown[] }[] };

function withOneOutput(): string {
  const bundle = minimal();
  bundle.tasks[0]!.outputs = bundle.tasks[0]!.outputs.slice(0, 1);
  return JSON.stringify(bundle);
}

function withDuplicateOutputIds(): string {
  const bundle = minimal();
  (bundle.tasks[0]!.outputs[1] as { id: string }).id = 'right';
  return JSON.stringify(bundle);
}

function withFormat(format: string): string {
  return JSON.stringify({ ...minimal(), format });
}

function withProtoKey(): string {
  // JSON.stringify would drop a __proto__ key set on an object: write it into the text.
  const text = minimalText.replace('"id": "capital",', '"id": "capital", "__proto__": { "polluted": true },');
  if (text === minimalText) throw new Error('minimal.json changed: no place for the __proto__ key');
  return text;
}

function nested(depth: number): string {
  return JSON.stringify({ ...minimal(), deep: 'DEEP' }).replace('"DEEP"', `${'['.repeat(depth)}${']'.repeat(depth)}`);
}

/** A valid bundle padded with white space to `bytes`. */
function padded(bytes: number): string {
  return minimalText + ' '.repeat(bytes - Buffer.byteLength(minimalText));
}

interface BadCase {
  name: string;
  file: string;
  text: () => string;
  /** What the message must say. */
  says: (string | RegExp)[];
  /** Any further check of the message text. */
  check?: (message: string) => void;
}

/** The size the message gives for the file ("is 6.0 MB", "is 5,242,881 bytes"), in bytes. */
function statedSize(message: string): number {
  const match = /is ([\d.,]+) ?(MB|KB|bytes)\b/.exec(message);
  if (!match?.[1] || !match[2]) throw new Error(`The message gives no size: "${message}"`);
  const value = Number(match[1].replace(/,/g, ''));
  return value * ({ MB: MB, KB: 1024, bytes: 1 } as const)[match[2] as 'MB' | 'KB' | 'bytes'];
}

const cases: BadCase[] = [
  {
    name: 'a file that is not JSON',
    file: 'broken.json',
    text: () => minimalText.slice(0, 120),
    says: ['not valid JSON', /line \d+, column \d+/],
  },
  {
    name: 'a task with one output',
    file: 'one-output.json',
    text: withOneOutput,
    says: ['$.tasks[0].outputs', 'at least 2 items'],
  },
  {
    name: 'two outputs with the same id',
    file: 'duplicate-ids.json',
    text: withDuplicateOutputIds,
    says: ['$.tasks[0].outputs[1].id', 'duplicate output id "right"'],
  },
  {
    name: 'an unknown format version',
    file: 'version-2.json',
    text: () => withFormat('assay.bundle/2'),
    says: ['"assay.bundle/2"', 'cannot read', 'assay.bundle/1'],
  },
  {
    name: 'a __proto__ key',
    file: 'proto.json',
    text: withProtoKey,
    says: ['"__proto__" is not allowed', '$.tasks[0]'],
  },
  {
    name: 'JSON nested 200 levels deep',
    file: 'deep.json',
    text: () => nested(200),
    says: ['nested more than 64 levels deep', /at \$\.deep(\[0\])+/],
  },
  {
    name: 'a 6 MB file',
    file: 'huge.json',
    text: () => padded(6 * MB),
    says: [/limited to 5(\.0)? MB/],
    check: (message) => expect(Math.abs(statedSize(message) - 6 * MB)).toBeLessThan(0.05 * MB),
  },
  {
    name: 'a file just over 5 MB',
    file: 'just-over.json',
    text: () => padded(5 * MB + 1),
    says: [/limited to 5(\.0)? MB/],
    // Not "is 5.0 MB; … limited to 5.0 MB": the size given must be over the limit.
    check: (message) => expect(statedSize(message)).toBeGreaterThan(5 * MB),
  },
];

async function storedCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('assay-candidate');
        open.onerror = () => reject(open.error ?? new Error('cannot open assay-candidate'));
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const counts: Record<string, number> = {};
          if (names.length === 0) {
            db.close();
            resolve(counts);
            return;
          }
          const tx = db.transaction(names, 'readonly');
          for (const name of names) {
            const request = tx.objectStore(name).count();
            request.onsuccess = () => (counts[name] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
          tx.onerror = () => reject(tx.error ?? new Error('count failed'));
        };
      }),
  );
}

/** The database exists (the app opened it) and every table in it is empty. */
async function expectNothingStored(page: Page): Promise<void> {
  const counts = await storedCounts(page);
  expect(Object.keys(counts)).toEqual(expect.arrayContaining(['bundles', 'sources', 'attempts', 'events']));
  expect(Object.entries(counts).filter(([, n]) => n > 0)).toEqual([]);
}

async function expectNothingStarted(page: Page): Promise<void> {
  await expect(page.getByRole('timer')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start the exercise' })).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('#/');
  await expectNothingStored(page);
  // Also after a fresh load of the start page.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sample exercises' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your exercises in this browser' })).toHaveCount(0);
  await expectNothingStored(page);
}

for (const bad of cases) {
  test(`picking ${bad.name} shows what is wrong and stores nothing`, async ({ page, appUrl }) => {
    await page.goto(`${appUrl}#/`);
    await expect(page.getByRole('heading', { name: 'Open an exercise you were given' })).toBeVisible();
    await page.locator('input[type=file]').setInputFiles({
      name: bad.file,
      mimeType: 'application/json',
      buffer: Buffer.from(bad.text(), 'utf8'),
    });
    const alert = page.getByRole('alert');
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText('This bundle could not be opened');
    for (const phrase of bad.says) await expect(alert).toContainText(phrase);
    bad.check?.((await alert.textContent()) ?? '');
    expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
    await expectNothingStarted(page);
  });
}

// The corpus the CLI is held to as well (tests/component/lib/bad-files.test.ts): the
// app refuses each with the same words (the 6 MB case is above).
for (const bad of BAD_BUNDLES.filter((b) => b.says !== null && b.file !== 'six-mb.json')) {
  test(`picking ${bad.name} is refused as the CLI refuses it`, async ({ page, appUrl }) => {
    await page.goto(`${appUrl}#/`);
    await expect(page.getByRole('heading', { name: 'Open an exercise you were given' })).toBeVisible();
    await page.locator('input[type=file]').setInputFiles({
      name: bad.file,
      mimeType: 'application/json',
      buffer: Buffer.from(bad.bytes()),
    });
    const alert = page.getByRole('alert');
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText('This bundle could not be opened');
    await expect(alert).toContainText(bad.says as RegExp);
    await expectNothingStarted(page);
  });
}

test('picking a bundle saved with one UTF-8 byte order mark opens it', async ({ page, appUrl }) => {
  const bom = BAD_BUNDLES.find((b) => b.file === 'one-bom.json');
  await page.goto(`${appUrl}#/`);
  await page.locator('input[type=file]').setInputFiles({
    name: 'one-bom.json',
    mimeType: 'application/json',
    buffer: Buffer.from(bom?.bytes() ?? []),
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Fixture: two short tasks' })).toBeVisible();
});

test('picking a valid bundle file opens it (the picker works)', async ({ page, appUrl }) => {
  await page.goto(`${appUrl}#/`);
  await page.locator('input[type=file]').setInputFiles({
    name: 'minimal.json',
    mimeType: 'application/json',
    buffer: Buffer.from(minimalText, 'utf8'),
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Fixture: two short tasks' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start the exercise' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await storedCounts(page)).toMatchObject({ bundles: 1, attempts: 0 });
});

test('a link to a bundle that does not exist says so', async ({ page, appUrl }) => {
  await page.goto(fixtureLink(appUrl, 'does-not-exist.json'));
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('This exercise could not be opened');
  await expect(alert).toContainText('/__fixtures__/does-not-exist.json');
  await expect(alert).toContainText('404');
  await expect(page.getByRole('link', { name: 'Back to the start page' })).toBeVisible();
  await expect(page.getByRole('timer')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start the exercise' })).toHaveCount(0);
  await expectNothingStored(page);
});
