/// <reference types="svelte" />
/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

declare const __APP_VERSION__: string;
declare const __SINGLE_FILE__: boolean;

declare module 'assay:pwa' {
  /** Registers the service worker (hosted build) or does nothing (single file). */
  export function startServiceWorker(onUpdate: (apply: () => Promise<void>) => void): void;
}
