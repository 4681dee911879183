/**
 * The service worker: precaches the app so a candidate who loses the network, or
 * reloads offline, keeps working. Updates are offered, never forced: a new version
 * waits until the user accepts it (`onUpdate` gets a function that applies it).
 */
import { registerSW } from 'virtual:pwa-register';

export function startServiceWorker(onUpdate: (apply: () => Promise<void>) => void): void {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  // Whether the user of this tab accepted the update.
  let accepted = false;
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      onUpdate(async () => {
        accepted = true;
        await update(true);
      });
    },
    // The new version took control of every open tab of the app. Only the tab whose
    // user accepted it reloads now (the library's default reloads them all); any
    // other tab keeps its page, work and all, until its own user accepts, which
    // then just reloads.
    onNeedReload() {
      if (accepted) location.reload();
      else onUpdate(async () => location.reload());
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
