import * as z from 'zod/mini';
import { TeamKeyBackupSchema, TeamKeyFileSchema } from '../core/index.ts';
import type { StoredTeamKey, TeamDb } from './team-db.ts';
import { toStorageError } from './storage-error.ts';

/**
 * Raised when the browser cannot store a `CryptoKey` in IndexedDB (some Safari
 * modes throw `DataCloneError`): the key then lives in this tab only, until it is
 * closed or reloaded, and the backup is the only lasting copy.
 */
export class KeyNotStorableError extends Error {
  readonly code = 'KEY_NOT_STORABLE';
  constructor(options?: { cause?: unknown }) {
    super(
      'This browser cannot save a team key (it refuses to store cryptographic keys), so the key lives in this tab only until it is closed or reloaded. Download the backup now: it is the only lasting copy.',
      options,
    );
    this.name = 'KeyNotStorableError';
  }
}

const isCryptoKey = (value: unknown): value is CryptoKey =>
  typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;

const StoredTeamKeySchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  createdAt: z.string(),
  file: TeamKeyFileSchema,
  signing: z.custom<CryptoKey>(isCryptoKey),
  encryption: z.custom<CryptoKey>(isCryptoKey),
  backup: TeamKeyBackupSchema,
  backupDownloadedAt: z.nullable(z.number()),
});

/** A row read back: valid, and its parts describe the same key; else null. */
export function readTeamKeyRow(row: unknown): StoredTeamKey | null {
  const parsed = StoredTeamKeySchema.safeParse(row);
  if (!parsed.success) return null;
  const key = parsed.data;
  const consistent =
    key.id === key.file.signing.kid &&
    key.backup.public.signing.kid === key.file.signing.kid &&
    key.backup.public.encryption.kid === key.file.encryption.kid;
  return consistent ? key : null;
}

export interface TeamKeyList {
  keys: StoredTeamKey[];
  /** Ids of rows that failed validation (damaged or from another version); left untouched. */
  unreadable: string[];
}

/** Every stored team key, oldest first. */
export async function listTeamKeys(db: TeamDb): Promise<TeamKeyList> {
  try {
    const rows = await db.teamKeys.orderBy('createdAt').toArray();
    const keys: StoredTeamKey[] = [];
    const unreadable: string[] = [];
    for (const row of rows) {
      const key = readTeamKeyRow(row);
      if (key) keys.push(key);
      else unreadable.push(String((row as { id?: unknown }).id));
    }
    return { keys, unreadable };
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Stores (or replaces) a team key. Throws KeyNotStorableError where CryptoKeys cannot be stored. */
export async function putTeamKey(db: TeamDb, key: StoredTeamKey): Promise<void> {
  try {
    await db.teamKeys.put(key);
  } catch (error) {
    if (hasName(error, 'DataCloneError')) throw new KeyNotStorableError({ cause: error });
    throw toStorageError(error);
  }
}

export async function markBackupDownloaded(db: TeamDb, id: string, at: number): Promise<void> {
  try {
    await db.teamKeys.update(id, { backupDownloadedAt: at });
  } catch (error) {
    throw toStorageError(error);
  }
}

export async function deleteTeamKey(db: TeamDb, id: string): Promise<void> {
  try {
    await db.teamKeys.delete(id);
  } catch (error) {
    throw toStorageError(error);
  }
}

function hasName(error: unknown, name: string): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    if ((current as { name?: unknown }).name === name) return true;
    current = (current as { inner?: unknown }).inner ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
