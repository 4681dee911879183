#!/usr/bin/env node
// Runs the browser tests (the shared crypto suites in Chromium, then Playwright on
// the built app): they need Debian's Chromium. Where it is missing this
// says so in one line, and fails under CI=true instead of passing silently.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const ci = Boolean(process.env.CI) && process.env.CI !== 'false';
  console.error(
    `End-to-end tests ${ci ? 'FAILED' : 'SKIPPED'}: no Chromium at ${chromium} (install it with: apt-get install -y chromium, or set CHROMIUM_PATH).`,
  );
  process.exit(ci ? 1 : 0);
}
const run = (cmd, args) => {
  const { status } = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (status !== 0) process.exit(status ?? 1);
};
const args = process.argv.slice(2);
// The crypto suites again, in Chromium (the same files run in Node by test:unit).
if (args.length === 0) run('npx', ['vitest', 'run', '--project', 'shared-chromium']);
run('npm', ['run', 'build', '--silent']);
run('npx', ['playwright', 'test', ...args]);
