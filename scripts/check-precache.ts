/**
 * Fails the build when a file of dist/ would not be precached by the service
 * worker (too large, or not matched): offline after the first visit must mean
 * every file, not most of them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const dir = 'dist';
const sw = readFileSync(path.join(dir, 'sw.js'), 'utf8');
const files: string[] = [];
const walk = (d: string) => {
  for (const name of readdirSync(d)) {
    const full = path.join(d, name);
    if (statSync(full).isDirectory()) walk(full);
    else files.push(path.relative(dir, full).split(path.sep).join('/'));
  }
};
walk(dir);
const needed = files.filter(
  (f) => !f.endsWith('.map') && f !== 'sw.js' && !/^workbox-[\w-]+\.js$/.test(f) && f !== 'assay-take-home.html',
);
const missing = needed.filter((f) => !sw.includes(`"${f}"`) && !sw.includes(`url:"${f}"`));
if (missing.length > 0) {
  console.error(`check-precache: ${missing.length} file(s) would not be precached:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-precache: all ${needed.length} files are precached`);
