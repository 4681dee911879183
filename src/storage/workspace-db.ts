/**
 * The hiring team's workspace, `assay-workspace`: apart from a candidate's
 * database, so a team that also tries the exercise never mixes the two.
 *
 * What is stored where:
 * - `bundles`: bundles loaded into the workspace, by hash, as the documents written.
 * - `keys`:    answer keys, by the SHA-256 of the bundle they are for.
 * - `results`: each imported result file, by the SHA-256 of its bytes (importing the
 *              same file twice changes nothing): its file name, its JSON text (after
 *              decryption, for encrypted files) and its verification report.
 * - `reviews`: reviewers' grades (`assay.reviews/1`), one row per reviewer.
 *
 * Everything read back is validated with the core's schemas before use.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Check } from '../core/index.ts';

export interface StoredWorkspaceBundle {
  hash: string;
  document: unknown;
  storedAt: number;
}

export interface StoredAnswerKey {
  bundleSha256: string;
  document: unknown;
  storedAt: number;
}

export interface StoredResultReport {
  verdict: 'ok' | 'warn' | 'fail';
  checks: Check[];
  encrypted: boolean;
  attemptKeyId: string | null;
  inviteJti: string | null;
}

export interface StoredResult {
  /** SHA-256 of the file's bytes as received. */
  fileSha256: string;
  fileName: string;
  importedAt: number;
  /** The result's JSON text (decrypted when the file was encrypted); null when unreadable. */
  text: string | null;
  attemptId: string | null;
  bundleSha256: string | null;
  report: StoredResultReport;
}

export interface StoredReviews {
  reviewerId: string;
  document: unknown;
  storedAt: number;
}

export const DEFAULT_WORKSPACE_DB = 'assay-workspace';

export class WorkspaceDb extends Dexie {
  bundles!: EntityTable<StoredWorkspaceBundle, 'hash'>;
  keys!: EntityTable<StoredAnswerKey, 'bundleSha256'>;
  results!: EntityTable<StoredResult, 'fileSha256'>;
  reviews!: EntityTable<StoredReviews, 'reviewerId'>;

  constructor(name = DEFAULT_WORKSPACE_DB) {
    super(name);
    this.version(1).stores({
      bundles: 'hash',
      keys: 'bundleSha256',
      results: 'fileSha256, attemptId, bundleSha256, importedAt',
      reviews: 'reviewerId',
    });
  }
}
