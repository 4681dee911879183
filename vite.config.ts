import { readFileSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { VitePWA } from 'vite-plugin-pwa';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { exercisesPlugin } from './scripts/vite-plugin-exercises.ts';
import { cspPlugin } from './scripts/vite-plugin-csp.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './playwright.config.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// `vite build --mode single` makes the one-file build for take-home use (see
// scripts/build-single.ts): everything inlined, no service worker, no lazy chunks.
export default defineConfig(({ mode }) => ({
  // Relative asset URLs by default: the build runs from any sub-path of any static
  // host. ASSAY_BASE sets an absolute base where a host needs one (e.g. /assay/).
  base: process.env.ASSAY_BASE ?? './',
  resolve: {
    // The service worker exists in the hosted build only.
    alias: {
      'assay:pwa': new URL(mode === 'single' ? './src/lib/pwa-none.ts' : './src/lib/pwa.ts', import.meta.url).pathname,
    },
  },
  define: {
    __APP_VERSION__: JSON.stringify(process.env.ASSAY_VERSION ?? pkg.version),
    __SINGLE_FILE__: JSON.stringify(mode === 'single'),
  },
  plugins: [
    svelte(),
    exercisesPlugin({ dir: 'exercises' }),
    cspPlugin({ single: mode === 'single' }),
    ...(mode === 'single'
      ? [viteSingleFile({ removeViteModuleLoader: true })]
      : [
          VitePWA({
            // A new version never reloads a candidate's page: the app offers it.
            registerType: 'prompt',
            injectRegister: false,
            manifest: false,
            workbox: {
              globPatterns: ['**/*.{js,css,html,json,svg,png,webmanifest}'],
              globIgnores: ['**/*.map', 'assay-take-home.html'],
              // Precache everything; scripts/check-precache.ts fails the build if a file would be left out.
              maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
              cleanupOutdatedCaches: true,
              navigateFallback: null,
            },
          }),
        ]),
  ],
  build: {
    target: 'es2022',
    // Every browser the app supports has <link rel="modulepreload">.
    modulePreload: { polyfill: false },
    sourcemap: mode !== 'single',
    outDir: mode === 'single' ? 'dist-single' : 'dist',
    rolldownOptions:
      mode === 'single'
        ? { output: { codeSplitting: false } }
        : {
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
                    test: /src[\\/](ui[\\/]attempt[\\/]|state[\\/](attempt-session|autosaver|attempt-run|tab-lock)|core[\\/](attempt[\\/](answers|paste-source)|result[\\/](build-result|schema|validate-result|event-data)))/,
                  },
                  {
                    name: 'start-page',
                    priority: 2,
                    test: /src[\\/]ui[\\/](SitePages|pages[\\/]HomePage|components[\\/](BundleLoader|SampleList|AttemptList))/,
                  },
                  {
                    // (Not lib/read-file: the start page's bundle loader reads files through it, so it
                    // stays in the entry; in this chunk the entry would import a lazy chunk back.)
                    name: 'team',
                    priority: 2,
                    test: /src[\\/](ui[\\/](pages[\\/](TeamPage|TakeHomePage)|team[\\/])|state[\\/](team|invite-form|take-home|bundle-choice)|storage[\\/]team-|core[\\/](invites[\\/]|takehome[\\/]take-home)|lib[\\/](passphrase-strength|take-home-template))/,
                  },
                  {
                    // The hiring team's workspace: never loaded by a candidate.
                    name: 'workspace',
                    priority: 2,
                    test: /src[\\/](ui[\\/]workspace[\\/]|state[\\/](workspace|review)|storage[\\/]workspace|core[\\/](score|stats|review|workspace|verify|key|checks)[\\/]|lib[\\/](dropped-files|read-assay-file))/,
                  },
                  {
                    // The service worker's helper and its update bar, after the first screen is up.
                    name: 'pwa',
                    priority: 2,
                    test: /node_modules[\\/]workbox-window[\\/]|virtual:pwa-register|src[\\/](lib[\\/]pwa\.ts|ui[\\/]components[\\/]UpdateBanner)/,
                  },
                  // Only when the browser refuses IndexedDB, or an attempt cannot be stored.
                  { name: 'memory-store', priority: 2, test: /src[\\/]storage[\\/](memory-store|apply-batch)/ },
                  // Long markdown a few blocks at a time: the exercise and the workspace.
                  {
                    name: 'markdown-blocks',
                    priority: 2,
                    test: /src[\\/](lib[\\/]markdown-blocks|ui[\\/]components[\\/]Markdown\.svelte)/,
                  },
                  // Only for links that carry an invite.
                  { name: 'invite', priority: 2, test: /src[\\/](state[\\/]invite-reader|core[\\/]invite[\\/])/ },
                  {
                    // Shared by the exercise, the team page and the workspace, not the start screen.
                    name: 'screens-common',
                    priority: 2,
                    test: /src[\\/](core[\\/](attempt[\\/](timer|order)|random-id)|lib[\\/]download)\.ts/,
                  },
                  // Shared by the start page, the team page and the workspace.
                  {
                    name: 'file-drop',
                    priority: 2,
                    test: /src[\\/]ui[\\/]components[\\/](DropZone|FileButton)\.svelte/,
                  },
                  // Shared by the exercise's review page and the workspace's backup panel.
                  { name: 'confirm-dialog', priority: 2, test: /src[\\/]ui[\\/]components[\\/]ConfirmDialog/ },
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
}));
