/**
 * Result files for the workspace's end-to-end tests, written to a fresh temporary
 * folder: copies of the golden fixtures, or N signed results for a sample bundle
 * made the way a candidate's browser makes them (scripts/simulate-result.ts).
 */
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadBundleText } from '../../../src/core/index.ts';
import { simulateResult } from '../../../scripts/simulate-result.ts';

export const MINIMAL_BUNDLE = 'tests/fixtures/bundles/minimal.json';
export const MINIMAL_KEY = 'tests/fixtures/keys/minimal.key.json';
export const CODE_REVIEW_BUNDLE = 'exercises/code-review.json';
export const CODE_REVIEW_KEY = 'exercises/keys/code-review.key.json';

/** A temporary folder holding the given files of tests/fixtures/results, under the names given (`to` → `from`). */
export async function fixtureFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'assay-results-'));
  for (const [to, from] of Object.entries(files))
    await copyFile(path.join('tests/fixtures/results', from), path.join(dir, to));
  return dir;
}

const NAMES = [
  'Ada Lovelace',
  'Grace Hopper',
  'Katherine Johnson',
  'Alan Turing',
  'Edsger Dijkstra',
  'Barbara Liskov',
  'Donald Knuth',
  'Frances Allen',
  'Ken Thompson',
  'Margaret Hamilton',
  'John McCarthy',
  'Radia Perlman',
  'Tony Hoare',
  'Shafi Goldwasser',
  'Leslie Lamport',
  'Sophie Wilson',
  'Niklaus Wirth',
  'Adele Goldberg',
  'Dennis Ritchie',
  'Jean Sammet',
  'Whitfield Diffie',
  'Mary Shaw',
];

/** `count` signed, submitted results for `bundlePath`, one file each, with varied names, times and answers. */
export async function simulatedFolder(count: number, bundlePath = CODE_REVIEW_BUNDLE): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'assay-simulated-'));
  const loaded = await loadBundleText(await readFile(bundlePath, 'utf8'));
  for (let i = 0; i < count; i++) {
    const name = NAMES[i % NAMES.length] as string;
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`;
    const { result } = await simulateResult({
      bundle: loaded.bundle,
      bundleHash: loaded.hash,
      candidate: { name, email },
      startedAt: Date.UTC(2026, 10, 20, 9, 0, 0) + i * 3_600_000,
      minutes: Math.min(loaded.bundle.timeLimitMinutes - 1, 18 + ((i * 7) % 26)),
      seed: i + 1,
    });
    await writeFile(
      path.join(dir, `result-${String(i + 1).padStart(2, '0')}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  }
  return dir;
}
