import { readFileSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { exercisesPlugin } from './scripts/vite-plugin-exercises.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './playwright.config.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // Relative asset URLs: the build runs from any sub-path of any static host.
  base: './',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [svelte(), exercisesPlugin({ dir: 'exercises' })],
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Two lazy chunks beside the entry: the exercise screens (fetched when the
        // candidate starts) and the start page (a candidate following a link never
        // needs it). Everything else, libraries included, stays in the entry chunk:
        // many small chunks compress worse than one.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            {
              // jose and SHA-256: for the exercise (signing) and the team page, not the start screen.
              name: 'crypto',
              priority: 4,
              test: /node_modules[\\/](jose|@noble)[\\/]|src[\\/](core[\\/](crypto[\\/]|attempt[\\/]event-chain)|state[\\/]attempt-crypto)/,
            },
            {
              name: 'exercise',
              priority: 3,
              test: /src[\\/](ui[\\/]attempt[\\/]|state[\\/](attempt-session|autosaver)|core[\\/](attempt[\\/]answers|result[\\/]build-result))/,
            },
            {
              name: 'start-page',
              priority: 2,
              test: /src[\\/]ui[\\/](pages[\\/]HomePage|components[\\/](BundleLoader|SampleList|AttemptList))/,
            },
            {
              name: 'team',
              priority: 2,
              test: /src[\\/](ui[\\/](pages[\\/]TeamPage|team[\\/])|state[\\/](team|invite-form)|storage[\\/]team-|core[\\/]invites[\\/]|lib[\\/](passphrase-strength|read-file))/,
            },
            // Only when the browser refuses IndexedDB.
            { name: 'memory-store', priority: 2, test: /src[\\/]storage[\\/]memory-store/ },
            { name: 'app', priority: 1, test: /./ },
          ],
        },
      },
    },
  },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        // Suites that must give the same answers in Node and in a browser (crypto).
        extends: true,
        test: { name: 'shared-node', environment: 'node', include: ['tests/shared/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'shared-chromium',
          include: ['tests/shared/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        plugins: [svelteTesting()],
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.ts'],
          setupFiles: ['tests/setup/component.ts'],
        },
      },
    ],
  },
});
