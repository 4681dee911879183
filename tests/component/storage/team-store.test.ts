import { describe, expect, it } from 'vitest';
import '../team/text-encoder-realm.ts';
import { createTeamKey } from '../../../src/core/index.ts';
import { KeyNotStorableError, openTeamStore, type StoredTeamKey } from '../../../src/storage/index.ts';
import { TeamDb } from '../../../src/storage/team-db.ts';

let counter = 0;
const dbName = () => `test-team-store-${Date.now()}-${counter++}`;

async function row(name = 'Acme'): Promise<StoredTeamKey> {
  const { keys, backup } = await createTeamKey(name, 'correct horse battery staple');
  return {
    id: keys.file.signing.kid,
    name,
    createdAt: keys.file.createdAt,
    file: keys.file,
    signing: keys.signing,
    encryption: keys.encryption,
    backup,
    backupDownloadedAt: null,
  };
}

describe('team key storage (IndexedDB, database assay-team)', () => {
  it('stores CryptoKeys by structured clone and reads them back validated', async () => {
    const name = dbName();
    const { store, problem } = await openTeamStore(name);
    expect(problem).toBeNull();
    expect(store.persistent).toBe(true);
    const key = await row();
    await store.put(key);
    await store.markBackupDownloaded(key.id, 1234);
    const { keys, unreadable } = await (await openTeamStore(name)).store.list();
    expect(unreadable).toEqual([]);
    expect(keys).toHaveLength(1);
    expect(keys[0]?.file).toEqual(key.file);
    expect(keys[0]?.backupDownloadedAt).toBe(1234);
    expect(keys[0]?.signing).toBeInstanceOf(CryptoKey);
    expect(keys[0]?.signing.extractable).toBe(false);
    await store.delete(key.id);
    expect((await store.list()).keys).toEqual([]);
  }, 30_000);

  it('says plainly when the browser cannot store a CryptoKey (DataCloneError)', async () => {
    const { store } = await openTeamStore(dbName());
    const key = await row();
    // A function cannot be cloned either: the same DataCloneError a refusing browser throws for a CryptoKey.
    const error = await store.put({ ...key, signing: (() => {}) as unknown as CryptoKey }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyNotStorableError);
    expect((error as KeyNotStorableError).code).toBe('KEY_NOT_STORABLE');
    expect((error as Error).message).toMatch(/lives in this tab only.*Download the backup now/);
  }, 30_000);

  it('ignores rows that fail validation and lists their ids', async () => {
    const name = dbName();
    const { store } = await openTeamStore(name);
    const good = await row('Good');
    await store.put(good);
    const db = new TeamDb(name);
    await db.teamKeys.put({ ...good, id: 'damaged', file: { ...good.file, format: 'something-else' } as never });
    await db.teamKeys.put({ ...good, id: 'not-a-key', createdAt: '0', signing: 'secret' as never });
    db.close();
    const { keys, unreadable } = await store.list();
    expect(keys.map((k) => k.id)).toEqual([good.id]);
    expect(unreadable.sort()).toEqual(['damaged', 'not-a-key']);
  }, 30_000);
});
