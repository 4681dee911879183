/**
 * The hiring team's database, `assay-team`: kept apart from the candidate's
 * (`assay-candidate`), so clearing one never touches the other and a candidate's
 * browser never holds a team key by accident.
 *
 * What is stored where:
 * - `teamKeys`: one row per team key: its public file (`assay.team-key/1`), the two
 *   private keys as non-extractable `CryptoKey`s (stored by structured clone: they
 *   can sign and decrypt in this browser and cannot be read out), the
 *   passphrase-protected backup (`assay.team-key-backup/1`) so it can be
 *   downloaded again, and when it was last downloaded.
 *
 * Every row read back is validated (team-key-repository.ts) before use.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { TeamKeyBackup, TeamKeyFile } from '../core/index.ts';

export interface StoredTeamKey {
  /** The signing key's RFC 7638 thumbprint: restoring the same backup twice gives one row. */
  id: string;
  name: string;
  /** ISO 8601, as in the key file. */
  createdAt: string;
  file: TeamKeyFile;
  signing: CryptoKey;
  encryption: CryptoKey;
  backup: TeamKeyBackup;
  /** Epoch milliseconds of the last backup download; null until the first. */
  backupDownloadedAt: number | null;
}

export const DEFAULT_TEAM_DB = 'assay-team';

export class TeamDb extends Dexie {
  teamKeys!: EntityTable<StoredTeamKey, 'id'>;

  constructor(name = DEFAULT_TEAM_DB) {
    super(name);
    this.version(1).stores({ teamKeys: 'id, createdAt' });
  }
}
