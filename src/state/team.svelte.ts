/**
 * The hiring team's key and the invites it signs. Persistence is injected (a
 * TeamStore): this class knows nothing of IndexedDB. Private keys stay inside
 * WebCrypto as non-extractable CryptoKeys; the only copy that leaves the browser
 * is the passphrase-protected backup, downloaded on request.
 */
import { getContext, setContext } from 'svelte';
import {
  AssayError,
  createTeamKey,
  inviteDuration,
  mintInvite,
  parseUntrustedJson,
  readInvite,
  restoreTeamKey,
  validateTeamKeyBackup,
  writeCsv,
  type InviteCandidate,
  type LoadedBundle,
  type TeamKeyBackup,
  type TeamKeys,
} from '../core/index.ts';
import { downloadText } from '../lib/download.ts';
import { KeyNotStorableError, type StorageError, type StoredTeamKey, type TeamStore } from '../storage/index.ts';
import { takeHref } from './router.svelte.ts';
import { makeTakeHomeFile } from './take-home.svelte.ts';

export interface TeamKeyEntry extends StoredTeamKey {
  /** False when the browser could not store the key: it lives in this tab only. */
  persisted: boolean;
}

export type TeamTask = 'loading' | 'creating' | 'restoring' | 'minting' | 'removing';

export interface MintRequest {
  bundle: LoadedBundle;
  /** The bundle's address, as candidates' browsers will load it (the link's `src`). */
  src: string;
  /** The app's address without a hash, e.g. https://host/assay/ */
  appUrl: string;
  validFrom: Date;
  validUntil: Date;
  minutes: number;
  extraTimePercent: number;
  /** Encrypt results to the team key (`rcpt`). */
  encrypt: boolean;
  candidates: readonly InviteCandidate[];
}

export interface MintedInvite {
  name: string;
  email: string;
  sub: string;
  dur: number;
  token: string;
  link: string;
}

export interface TeamStateOptions {
  store: TeamStore;
  storageProblem?: StorageError | null;
  download?: (filename: string, text: string, type?: string) => void;
  now?: () => Date;
}

const MAX_NAME = 200;
const MIN_PASSPHRASE = 12;

export class TeamState {
  keys = $state.raw<TeamKeyEntry[]>([]);
  activeId = $state<string | null>(null);
  readonly active = $derived(this.keys.find((k) => k.id === this.activeId) ?? this.keys[0] ?? null);
  /** Some key was never backed up: warn before it can be lost. */
  readonly needsBackup = $derived(this.keys.some((k) => k.backupDownloadedAt === null));
  busy = $state<TeamTask | null>(null);
  createError = $state.raw<unknown>(null);
  restoreError = $state.raw<unknown>(null);
  mintError = $state.raw<unknown>(null);
  keyError = $state.raw<unknown>(null);
  /** Why keys may not survive a reload (no IndexedDB, or CryptoKeys refused); null when all is well. */
  storageWarning = $state<string | null>(null);
  /** Rows of the database that failed validation and were ignored. */
  unreadableCount = $state(0);
  mintDone = $state(0);
  mintTotal = $state(0);
  invites = $state.raw<MintedInvite[]>([]);
  /** The bundle the last invites were minted for (names the CSV, and goes in take-home copies). */
  invitesBundle = $state.raw<LoadedBundle | null>(null);
  /** Index of the invite whose take-home file is being made. */
  takeHomeBusy = $state<number | null>(null);
  takeHomeMessage = $state('');
  takeHomeError = $state<string | null>(null);
  /** Set right after a key is made or restored, for the page to say so. */
  justAdded = $state<'created' | 'restored' | null>(null);

  #store: TeamStore;
  #download: (filename: string, text: string, type?: string) => void;
  #now: () => Date;

  constructor(options: TeamStateOptions) {
    this.#store = options.store;
    this.#download = options.download ?? downloadText;
    this.#now = options.now ?? (() => new Date());
    if (options.storageProblem || !options.store.persistent)
      this.storageWarning =
        'This browser is not letting Assay save data (private browsing, or storage turned off): a team key made or restored here is lost when this tab closes. Download its backup.';
  }

  async load(): Promise<void> {
    this.busy = 'loading';
    try {
      const { keys, unreadable } = await this.#store.list();
      this.keys = keys.map((k) => ({ ...k, persisted: this.#store.persistent }));
      this.unreadableCount = unreadable.length;
    } catch (error) {
      this.keyError = error;
    } finally {
      this.busy = null;
    }
  }

  select(id: string): void {
    this.activeId = id;
    this.invites = [];
  }

  /** Makes a team key (about a second: the backup's PBKDF2) and stores it. */
  async create(name: string, passphrase: string): Promise<boolean> {
    this.createError = null;
    const trimmed = name.trim().replace(/\s+/g, ' ');
    if (!trimmed || trimmed.length > MAX_NAME) {
      this.createError = new AssayError('SCHEMA_INVALID', `Give the key a name of 1 to ${MAX_NAME} characters.`);
      return false;
    }
    if (passphrase.length < MIN_PASSPHRASE) {
      this.createError = new AssayError(
        'SCHEMA_INVALID',
        `The passphrase must be at least ${MIN_PASSPHRASE} characters long.`,
      );
      return false;
    }
    this.busy = 'creating';
    try {
      const { keys, backup } = await createTeamKey(trimmed, passphrase, this.#now());
      await this.#add(keys, backup, null);
      this.justAdded = 'created';
      return true;
    } catch (error) {
      this.createError = error;
      return false;
    } finally {
      this.busy = null;
    }
  }

  /** Restores a key from its backup file's text; the file is untrusted input. */
  async restore(backupText: string, passphrase: string): Promise<boolean> {
    this.restoreError = null;
    this.busy = 'restoring';
    try {
      const backup = validateTeamKeyBackup(parseUntrustedJson(backupText, { maxLength: 1_000_000, maxDepth: 16 }));
      const keys = await restoreTeamKey(backup, passphrase);
      // Whoever restores from a backup holds the backup: no warning needed.
      await this.#add(keys, backup, this.#now().getTime());
      this.justAdded = 'restored';
      return true;
    } catch (error) {
      this.restoreError = error;
      return false;
    } finally {
      this.busy = null;
    }
  }

  async #add(keys: TeamKeys, backup: TeamKeyBackup, backupDownloadedAt: number | null): Promise<void> {
    const row: StoredTeamKey = {
      id: keys.file.signing.kid,
      name: keys.file.name,
      createdAt: keys.file.createdAt,
      file: keys.file,
      signing: keys.signing,
      encryption: keys.encryption,
      backup,
      backupDownloadedAt,
    };
    let persisted = this.#store.persistent;
    try {
      await this.#store.put(row);
    } catch (error) {
      // The key still works in this tab: keep it, and say plainly that only the backup will last.
      if (!(error instanceof KeyNotStorableError)) throw error;
      this.storageWarning = error.message;
      persisted = false;
    }
    this.keys = [...this.keys.filter((k) => k.id !== row.id), { ...row, persisted }];
    this.activeId = row.id;
    this.invites = [];
  }

  /** Downloads the active key's backup (`assay-team-key-backup_<name>.json`) and remembers it. */
  async downloadBackup(): Promise<void> {
    const key = this.active;
    if (!key) return;
    this.keyError = null;
    this.#download(teamKeyFileName('assay-team-key-backup', key.name), `${JSON.stringify(key.backup, null, 2)}\n`);
    const at = this.#now().getTime();
    this.keys = this.keys.map((k) => (k.id === key.id ? { ...k, backupDownloadedAt: at } : k));
    if (!key.persisted) return;
    try {
      await this.#store.markBackupDownloaded(key.id, at);
    } catch (error) {
      this.keyError = error;
    }
  }

  /** Downloads the active key's public file (`assay-team-key_<name>.json`), safe to share. */
  downloadPublicKey(): void {
    const key = this.active;
    if (key) this.#download(teamKeyFileName('assay-team-key', key.name), `${JSON.stringify(key.file, null, 2)}\n`);
  }

  /** Signs one invite per candidate with the active key; progress in mintDone / mintTotal. */
  async mintInvites(request: MintRequest): Promise<boolean> {
    const key = this.active;
    this.mintError = null;
    if (!key) return false;
    this.invites = [];
    this.busy = 'minting';
    this.mintDone = 0;
    this.mintTotal = request.candidates.length;
    try {
      const nbf = Math.floor(request.validFrom.getTime() / 1000);
      const exp = Math.floor(request.validUntil.getTime() / 1000);
      if (!Number.isFinite(nbf) || !Number.isFinite(exp) || exp <= nbf)
        throw new AssayError('SCHEMA_INVALID', '“Valid until” must be later than “valid from”.');
      const signingKey = { privateKey: key.signing, kid: key.file.signing.kid };
      const minted: MintedInvite[] = [];
      for (const candidate of request.candidates) {
        const dur = inviteDuration(request.minutes, candidate.extraTimePercent ?? request.extraTimePercent);
        const sub = candidate.email || candidate.name;
        const token = await mintInvite(signingKey, {
          sub,
          ...(candidate.name ? { name: candidate.name } : {}),
          ...(candidate.email ? { email: candidate.email } : {}),
          bundle: request.bundle.hash,
          nbf,
          exp,
          dur,
          ...(request.encrypt ? { rcpt: key.file.encryption.jwk } : {}),
        });
        minted.push({
          name: candidate.name,
          email: candidate.email,
          sub,
          dur,
          token,
          link: inviteLink(request, token),
        });
        this.mintDone = minted.length;
        // Let the progress bar paint on long lists.
        if (minted.length % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      this.invites = minted;
      this.invitesBundle = request.bundle;
      return true;
    } catch (error) {
      this.mintError = error;
      return false;
    } finally {
      this.busy = null;
    }
  }

  /** The minted invites as CSV (`name,email,link`), formula-safe, for an applicant tracking system. */
  invitesCsv(): string {
    return writeCsv([['name', 'email', 'link'], ...this.invites.map((i) => [i.name, i.email, i.link])]);
  }

  downloadInvitesCsv(): void {
    if (this.invites.length === 0) return;
    const date = this.#now().toISOString().slice(0, 10);
    this.#download(
      fileSafe(`assay-invites_${this.invitesBundle?.bundle.id ?? 'bundle'}_${date}`) + '.csv',
      this.invitesCsv(),
      'text/csv',
    );
  }
  /** Downloads a take-home file (the app and the exercise in one HTML file) for minted invite `index`. */
  async downloadTakeHome(index: number): Promise<void> {
    const bundle = this.invitesBundle;
    const invite = this.invites[index];
    if (!bundle || !invite || this.takeHomeBusy !== null) return;
    this.takeHomeBusy = index;
    this.takeHomeError = null;
    this.takeHomeMessage = '';
    try {
      const file = await makeTakeHomeFile(bundle, { token: invite.token, claims: readInvite(invite.token) });
      this.#download(file.name, file.html, 'text/html');
      this.takeHomeMessage = `Take-home file ${file.name} downloaded.`;
    } catch (error) {
      this.takeHomeError = `The take-home file could not be made: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.takeHomeBusy = null;
    }
  }

  /** Deletes a key from this browser. The caller has had the user type its name. */
  async remove(id: string): Promise<void> {
    this.keyError = null;
    this.busy = 'removing';
    try {
      await this.#store.delete(id);
      this.keys = this.keys.filter((k) => k.id !== id);
      if (this.activeId === id) this.activeId = this.keys[0]?.id ?? null;
      this.invites = [];
      this.justAdded = null;
    } catch (error) {
      this.keyError = error;
    } finally {
      this.busy = null;
    }
  }
}

/** `appUrl` + `#/take?src=…&invite=…`; the app address loses any hash it had. */
function inviteLink(request: MintRequest, token: string): string {
  return `${request.appUrl.split('#')[0]}${takeHref({ src: request.src, invite: token })}`;
}

/** `assay-team-key_<name>.json`, the name made safe for every file system. */
export function teamKeyFileName(prefix: string, name: string): string {
  return `${prefix}_${fileSafe(name) || 'team'}.json`;
}

function fileSafe(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 80);
}

const KEY = Symbol('assay.team');

export function setTeamState(state: TeamState): TeamState {
  return setContext(KEY, state);
}

export function getTeamState(): TeamState {
  const state = getContext<TeamState | undefined>(KEY);
  if (!state) throw new Error('TeamState is not set: mount team components inside <TeamPage>.');
  return state;
}
