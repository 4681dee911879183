import { validateBundle, type LoadedBundle } from '../core/index.ts';
import type { CandidateDb } from './candidate-db.ts';
import { toStorageError } from './storage-error.ts';

/** Stores a validated bundle by hash, and remembers the URL it came from. */
export async function putBundle(db: CandidateDb, loaded: LoadedBundle, src?: string): Promise<void> {
  try {
    await db.transaction('rw', db.bundles, db.sources, async () => {
      await db.bundles.put({
        hash: loaded.hash,
        id: loaded.bundle.id,
        version: loaded.bundle.version,
        title: loaded.bundle.title,
        document: loaded.document,
        storedAt: Date.now(),
      });
      if (src) await db.sources.put({ src, hash: loaded.hash, fetchedAt: Date.now() });
    });
  } catch (error) {
    throw toStorageError(error);
  }
}

/** A stored bundle, validated again on the way out; null when absent or no longer valid. */
export async function getBundle(db: CandidateDb, hash: string): Promise<LoadedBundle | null> {
  const row = await db.bundles.get(hash);
  if (!row) return null;
  try {
    return { bundle: validateBundle(row.document), document: row.document, hash: row.hash };
  } catch {
    return null;
  }
}

/** The hash of the bundle last loaded from `src`, for opening a link offline. */
export async function hashForSource(db: CandidateDb, src: string): Promise<string | null> {
  return (await db.sources.get(src))?.hash ?? null;
}
