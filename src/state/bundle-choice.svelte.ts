/**
 * The bundle a hiring-team form works on, read from a dropped or picked file or
 * from an address. Shared by the invite form and the take-home copy form.
 */
import type { LoadedBundle } from '../core/index.ts';
import { loadBundleFromFile, loadBundleFromUrl } from '../lib/load-bundle.ts';

export class BundleChoice {
  bundle = $state.raw<LoadedBundle | null>(null);
  /** Where the bundle on screen came from: a file name or an address. */
  bundleOrigin = $state('');
  bundleLoading = $state(false);
  bundleError = $state.raw<unknown>(null);
  bundleUrl = $state('');

  async loadBundleFile(file: File): Promise<void> {
    await this.#loadBundle(file.name, () => loadBundleFromFile(file), null);
  }

  /** Loads the bundle from an address (absolute, or relative to this page). */
  async loadBundleUrl(url: string): Promise<void> {
    const address = url.trim();
    if (!address) return;
    await this.#loadBundle(address, () => loadBundleFromUrl(address), address);
  }

  /** Called after a bundle loaded, with the origin of the one it replaced. */
  protected bundleLoaded(_loaded: LoadedBundle, _address: string | null, _previousOrigin: string): void {}

  async #loadBundle(origin: string, load: () => Promise<LoadedBundle>, address: string | null): Promise<void> {
    this.bundleLoading = true;
    this.bundleError = null;
    try {
      const loaded = await load();
      const previousOrigin = this.bundleOrigin;
      this.bundle = loaded;
      this.bundleOrigin = origin;
      this.bundleLoaded(loaded, address, previousOrigin);
    } catch (error) {
      this.bundle = null;
      this.bundleError = error;
    } finally {
      this.bundleLoading = false;
    }
  }
}
