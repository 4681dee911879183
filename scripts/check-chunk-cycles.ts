/**
 * Fails the build when the hosted build (dist/) could deadlock while starting:
 * a lazy chunk (loaded with import()) that start-up code may be waiting for at
 * top level, and that itself imports, statically, a start-up chunk that is still
 * evaluating because of that top-level await. The page then stays blank, with no
 * error (issue 10: the memory store's chunk imported the entry back while the
 * entry awaited it). The exact rule is in scripts/chunk-cycles.ts.
 *
 * The entry is the module script of dist/index.html; every .js file under
 * dist/assets/ is a chunk. The single-file build has no chunks, so no such cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findStartupCycles, linkChunks } from './chunk-cycles.ts';

const dir = 'dist';
const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
const src = /<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/.exec(html)?.[1];
if (!src) {
  console.error('check-chunk-cycles: dist/index.html has no module script');
  process.exit(1);
}
const entry = path.posix.normalize(src.replace(/^\.\//, ''));

const chunks = linkChunks(
  new Map(
    readdirSync(path.join(dir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => [`assets/${f}`, readFileSync(path.join(dir, 'assets', f), 'utf8')]),
  ),
);
if (!chunks.has(entry)) {
  console.error(`check-chunk-cycles: the entry ${entry} named by dist/index.html is not in dist/assets/`);
  process.exit(1);
}

const cycles = findStartupCycles(chunks, entry);
if (cycles.length > 0) {
  const byAwait = new Map<string, typeof cycles>();
  for (const c of cycles) byAwait.set(c.awaitIn, [...(byAwait.get(c.awaitIn) ?? []), c]);
  console.error(
    `check-chunk-cycles: ${cycles.length} lazy chunk(s) could deadlock the start of the page (a blank page, no error):\n` +
      [...byAwait]
        .map(
          ([awaitIn, list]) =>
            `  ${awaitIn} has a top-level await, and start-up code may wait there for a lazy chunk that imports it back:\n` +
            list.map((c) => `    ${c.lazy} imports ${c.imports}`).join('\n'),
        )
        .join('\n') +
      '\n  Move the top-level await into a function the start-up code calls (nothing then waits on the module graph).',
  );
  process.exit(1);
}
const awaiting = [...chunks].filter(([, links]) => links.topLevelAwait).map(([name]) => name);
console.log(
  `check-chunk-cycles: ${chunks.size} chunks, no start-up cycle (top-level await in: ${awaiting.join(', ') || 'none'})`,
);
