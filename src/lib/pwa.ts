/**
 * The service worker: precaches the app so a candidate who loses the network, or
 * reloads offline, keeps working. Updates are offered, never forced: a new version
 * waits until the user accepts it (`onUpdate` gets a function that applies it).
 */
import { registerSW } from 'virtual:pwa-register';

export function startServiceWorker(onUpdate: (apply: () => Promise<void>) => void): void {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      onUpdate(() => update(true));
    },
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      // Look for a new version when the page comes back into view, and every hour.
      const check = () => void registration.update().catch(() => {});
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check();
      });
      setInterval(check, 60 * 60 * 1000);
    },
  });
}
