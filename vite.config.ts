import { readFileSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { exercisesPlugin } from './scripts/vite-plugin-exercises.ts';

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
              name: 'exercise',
              priority: 3,
              test: /src[\\/](ui[\\/]attempt[\\/]|state[\\/](attempt-session|autosaver))/,
            },
            {
              name: 'start-page',
              priority: 2,
              test: /src[\\/]ui[\\/](pages[\\/]HomePage|components[\\/](BundleLoader|SampleList|AttemptList))/,
            },
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
