/** The single-file build has no service worker (it runs from disk); see pwa.ts. */
export function startServiceWorker(_onUpdate: (apply: () => Promise<void>) => void): void {}
