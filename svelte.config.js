import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess({ script: false }),
  // Every component uses runes; no legacy-mode runtime is shipped.
  compilerOptions: { runes: true },
};
