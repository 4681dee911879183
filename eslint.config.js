import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'dist/',
      'dist-*/',
      'node_modules/',
      'test-results/',
      'scratch/',
      'exercises/',
      'tests/fixtures/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.node.json', './src/core/tsconfig.json'],
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } },
  },
  {
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Markdown is rendered through renderMarkdown (marked + DOMPurify) only; the one {@html} is in Markdown.svelte.
      'svelte/no-at-html-tags': 'off',
      // Our Maps, Dates and URLSearchParams in state classes are deliberately not reactive.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // The core runs in browsers and Node alike: no Svelte, Dexie or DOM.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['svelte', 'svelte/*', 'dexie', '../storage/*', '../state/*', '../ui/*', 'node:*'] },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'localStorage', 'indexedDB', 'navigator'],
    },
  },
  {
    files: ['src/ui/**/*', 'src/state/**/*'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['dexie'] }] },
  },
  { files: ['**/*.js', 'bin/**'], ...ts.configs.disableTypeChecked },
);
