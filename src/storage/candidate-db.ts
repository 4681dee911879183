/**
 * The candidate's database: the only place the candidate side touches IndexedDB.
 *
 * What is stored where:
 * - `bundles`:  each bundle loaded, by hash, as the JSON document the author wrote.
 * - `sources`:  URL a bundle was loaded from → its hash, so a link resumes offline.
 * - `attempts`: one row per attempt: candidate, start, time limit, shown order,
 *               status and every answer field with its revision (core/attempt/fields).
 * - `events`:   the attempt's event log, one row per event, keyed [attemptId+seq].
 * - `keys`:     the attempt's signing key (a non-extractable CryptoKey) and its public JWK.
 *
 * Everything read back is validated with the core's zod schemas before use.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { AttemptEvent, AttemptRecord } from '../core/index.ts';
import type { JWK } from 'jose';

export interface StoredBundle {
  hash: string;
  id: string;
  version: string;
  title: string;
  document: unknown;
  storedAt: number;
}

export interface StoredSource {
  src: string;
  hash: string;
  fetchedAt: number;
}

export interface StoredEvent extends AttemptEvent {
  attemptId: string;
}

export interface StoredKey {
  attemptId: string;
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  createdAt: number;
}

export const DEFAULT_CANDIDATE_DB = 'assay-candidate';

export class CandidateDb extends Dexie {
  bundles!: EntityTable<StoredBundle, 'hash'>;
  sources!: EntityTable<StoredSource, 'src'>;
  attempts!: EntityTable<AttemptRecord, 'id'>;
  events!: Table<StoredEvent, [string, number]>;
  keys!: EntityTable<StoredKey, 'attemptId'>;

  constructor(name = DEFAULT_CANDIDATE_DB) {
    super(name);
    this.version(1).stores({
      bundles: 'hash, id',
      sources: 'src',
      attempts: 'id, bundleHash, updatedAt',
      events: '[attemptId+seq], attemptId',
    });
    // v2: attempts signed with a per-attempt key (the record gains inviteToken,
    // inviteJti and keyStorage, which read back with defaults for older rows).
    this.version(2).stores({ keys: 'attemptId' });
  }
}
