import { describe, expect, it, vi } from 'vitest';
import {
  AssayError,
  loadBundleText,
  readCsv,
  readInvite,
  validateTeamKeyBackup,
  validateTeamKeyFile,
  verifyInviteSignature,
  type InviteCandidate,
} from '../../../src/core/index.ts';
import { TeamState, type MintRequest } from '../../../src/state/team.svelte.ts';
import { KeyNotStorableError, type TeamStore } from '../../../src/storage/index.ts';
import { bundleInput } from '../../helpers/factories.ts';
import { PASSPHRASE, teamState } from './support.ts';

const candidate = (line: number, name: string, email: string, extraTimePercent: number | null = null) =>
  ({ line, name, email, extraTimePercent }) satisfies InviteCandidate;

/** A day-long, unencrypted 30-minute invite for each of `candidates`, from b.json. */
const mintRequest = (bundle: MintRequest['bundle'], candidates: MintRequest['candidates']): MintRequest => ({
  bundle,
  src: 'b.json',
  appUrl: 'https://assay.example.org/',
  validFrom: new Date('2031-03-01T09:00:00Z'),
  validUntil: new Date('2031-03-02T09:00:00Z'),
  minutes: 30,
  extraTimePercent: 0,
  encrypt: false,
  candidates,
});

describe('team key state', () => {
  it('creates a key, stores it, and its downloaded backup restores it in another browser', async () => {
    const { team, store, downloads, dbName } = await teamState();
    expect(await team.create('  Acme   data team ', PASSPHRASE)).toBe(true);
    expect(team.createError).toBeNull();
    const key = team.active;
    expect(key?.name).toBe('Acme data team');
    expect(key?.signing.extractable).toBe(false);
    expect(team.needsBackup).toBe(true);

    const stored = await store.list();
    expect(stored.unreadable).toEqual([]);
    expect(stored.keys.map((k) => k.id)).toEqual([key?.file.signing.kid]);
    expect(stored.keys[0]?.signing).toBeInstanceOf(CryptoKey);
    expect(stored.keys[0]?.backupDownloadedAt).toBeNull();

    await team.downloadBackup();
    team.downloadPublicKey();
    expect(downloads.map((d) => d.filename)).toEqual([
      'assay-team-key-backup_Acme-data-team.json',
      'assay-team-key_Acme-data-team.json',
    ]);
    const backup = validateTeamKeyBackup(JSON.parse(downloads[0]?.text ?? ''));
    const file = validateTeamKeyFile(JSON.parse(downloads[1]?.text ?? ''));
    expect(file).toEqual(key?.file);
    expect(backup.public).toEqual(file);
    expect(team.needsBackup).toBe(false);

    // A reload finds the key, and remembers that the backup was downloaded.
    const again = await teamState(dbName);
    expect(again.team.active?.id).toBe(key?.id);
    expect(again.team.active?.backupDownloadedAt).toEqual(expect.any(Number));

    // Another browser: restore from the file with the passphrase.
    const other = await teamState();
    expect(await other.team.restore(downloads[0]?.text ?? '', PASSPHRASE)).toBe(true);
    expect(other.team.active?.file).toEqual(file);
    expect(other.team.needsBackup).toBe(false);
    expect((await other.store.list()).keys).toHaveLength(1);
  }, 60_000);

  it('refuses a wrong passphrase clearly and stores nothing', async () => {
    const { team, downloads } = await teamState();
    await team.create('Acme', PASSPHRASE);
    await team.downloadBackup();
    const other = await teamState();
    expect(await other.team.restore(downloads[0]?.text ?? '', 'not the passphrase at all')).toBe(false);
    expect(other.team.restoreError).toBeInstanceOf(AssayError);
    expect((other.team.restoreError as AssayError).message).toBe(
      'The passphrase is wrong, or the backup file is damaged.',
    );
    expect(other.team.keys).toEqual([]);
    expect((await other.store.list()).keys).toEqual([]);
  }, 60_000);

  it('names the path at fault in an invalid backup file, and refuses files that are not backups', async () => {
    const { team } = await teamState();
    const broken = { format: 'assay.team-key-backup/1', name: 'Acme', createdAt: 'yesterday', public: {} };
    expect(await team.restore(JSON.stringify(broken), PASSPHRASE)).toBe(false);
    const error = team.restoreError as AssayError;
    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['$.createdAt', '$.privateKeys']));
    expect(error.message).toMatch(/^This team key backup is not valid: \$\./);

    expect(await team.restore(JSON.stringify({ format: 'assay.team-key/1' }), PASSPHRASE)).toBe(false);
    expect((team.restoreError as AssayError).code).toBe('UNKNOWN_FORMAT');
    expect(await team.restore('{"format": ', PASSPHRASE)).toBe(false);
    expect((team.restoreError as AssayError).code).toBe('NOT_JSON');
  });

  it('refuses a short passphrase or an empty name before doing any work', async () => {
    const { team } = await teamState();
    expect(await team.create('Acme', 'short')).toBe(false);
    expect((team.createError as AssayError).message).toMatch(/at least 12 characters/);
    expect(await team.create('   ', PASSPHRASE)).toBe(false);
    expect(team.keys).toEqual([]);
  });

  it('keeps a key the browser refuses to store in this tab, and says so', async () => {
    const { store } = await teamState();
    const refusing: TeamStore = { ...store, put: () => Promise.reject(new KeyNotStorableError()) };
    const team = new TeamState({ store: refusing, download: () => {} });
    expect(await team.create('Acme', PASSPHRASE)).toBe(true);
    expect(team.active?.persisted).toBe(false);
    expect(team.storageWarning).toMatch(/lives in this tab only .* Download the backup now/);
    expect(team.needsBackup).toBe(true);
  }, 60_000);

  it('deletes a key', async () => {
    const { team, store } = await teamState();
    await team.create('Acme', PASSPHRASE);
    await team.remove(team.active?.id ?? '');
    expect(team.keys).toEqual([]);
    expect(team.active).toBeNull();
    expect((await store.list()).keys).toEqual([]);
  }, 60_000);
});

describe('minting invites', () => {
  it('signs one invite per person whose claims match the inputs, and links that carry them', async () => {
    const { team, downloads } = await teamState();
    await team.create('Acme', PASSPHRASE);
    const loaded = await loadBundleText(JSON.stringify(bundleInput({ timeLimitMinutes: 40 })));
    const validFrom = new Date('2031-03-01T09:00:00Z');
    const validUntil = new Date('2031-03-08T09:00:00Z');
    const request: MintRequest = {
      bundle: loaded,
      src: 'https://cdn.example.org/bundles/b.json',
      appUrl: 'https://assay.example.org/app/#/team',
      validFrom,
      validUntil,
      minutes: 40,
      extraTimePercent: 10,
      encrypt: true,
      candidates: [
        candidate(1, 'Ada Lovelace', 'ada@example.org'),
        candidate(2, '', 'grace@example.org', 50),
        candidate(3, 'Alan Turing', ''),
      ],
    };
    expect(await team.mintInvites(request)).toBe(true);
    expect(team.mintDone).toBe(3);
    expect(team.invites).toHaveLength(3);

    const key = team.active;
    const claims = team.invites.map((i) => readInvite(i.token));
    expect(claims.map((c) => [c.sub, c.name, c.email, c.dur])).toEqual([
      ['ada@example.org', 'Ada Lovelace', 'ada@example.org', 44],
      ['grace@example.org', undefined, 'grace@example.org', 60],
      ['Alan Turing', 'Alan Turing', undefined, 44],
    ]);
    for (const c of claims) {
      expect(c.bundle).toBe(loaded.hash);
      expect(c.nbf).toBe(validFrom.getTime() / 1000);
      expect(c.exp).toBe(validUntil.getTime() / 1000);
      expect(c.rcpt).toEqual(key?.file.encryption.jwk);
    }
    for (const invite of team.invites) {
      const url = new URL(invite.link);
      expect(`${url.origin}${url.pathname}`).toBe('https://assay.example.org/app/');
      const params = new URLSearchParams(url.hash.replace(/^#\/take\?/, ''));
      expect(params.get('src')).toBe(request.src);
      expect(params.get('invite')).toBe(invite.token);
      const check = await verifyInviteSignature(invite.token, [key?.file.signing ?? { kid: '', jwk: {} }]);
      expect(check.ok).toBe(true);
    }

    team.downloadInvitesCsv();
    const csv = downloads.at(-1);
    expect(csv?.filename).toMatch(/^assay-invites_factory-bundle_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv?.type).toBe('text/csv');
    const rows = readCsv(csv?.text ?? '').records.map((r) => r.fields);
    expect(rows[0]).toEqual(['name', 'email', 'link']);
    expect(rows.slice(1)).toEqual(team.invites.map((i) => [i.name, i.email, i.link]));
  }, 60_000);

  it('leaves out rcpt when results are not to be encrypted, and refuses an empty window', async () => {
    const { team } = await teamState();
    await team.create('Acme', PASSPHRASE);
    const loaded = await loadBundleText(JSON.stringify(bundleInput()));
    const base = mintRequest(loaded, [candidate(1, 'Ada', 'ada@example.org')]);
    expect(await team.mintInvites(base)).toBe(true);
    expect(readInvite(team.invites[0]?.token ?? '').rcpt).toBeUndefined();
    expect(team.invites[0]?.link).toMatch(/^https:\/\/assay\.example\.org\/#\/take\?src=b\.json&invite=/);

    expect(await team.mintInvites({ ...base, validUntil: base.validFrom })).toBe(false);
    expect((team.mintError as AssayError).message).toBe('“Valid until” must be later than “valid from”.');
    expect(team.invites).toEqual([]);
  }, 60_000);

  it('downloads a take-home file for one minted invite, with the bundle and that invite inside', async () => {
    const { team, downloads } = await teamState();
    await team.create('Acme', PASSPHRASE);
    const loaded = await loadBundleText(JSON.stringify(bundleInput()));
    expect(
      await team.mintInvites(
        mintRequest(loaded, [
          candidate(1, 'Ada Lovelace', 'ada@example.org'),
          candidate(2, 'Grace', 'grace@example.org'),
        ]),
      ),
    ).toBe(true);
    // A site published without the template says what to publish, and nothing is downloaded.
    vi.stubGlobal('fetch', async () => new Response('missing', { status: 404 }));
    try {
      await team.downloadTakeHome(0);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(team.takeHomeError).toMatch(/could not be made: This site has no take-home template .* answered 404/);
    expect(downloads.filter((d) => d.type === 'text/html')).toEqual([]);
    expect(team.takeHomeBusy).toBeNull();

    const template =
      '<!doctype html><html><head></head><body><div id="app"></div><script type="module">1</script></body></html>';
    const fetches: string[] = [];
    vi.stubGlobal('fetch', async (url: URL) => {
      fetches.push(String(url));
      return new Response(template, { status: 200 });
    });
    try {
      await team.downloadTakeHome(1);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(fetches).toHaveLength(1);
    expect(fetches[0]).toMatch(/\/assay-take-home\.html$/);
    const file = downloads.at(-1);
    expect(file?.filename).toBe('factory-bundle_grace_take-home.html');
    expect(file?.type).toBe('text/html');
    const block = /<script type="application\/json" id="assay-embedded">(.*)<\/script>/.exec(file?.text ?? '');
    expect(JSON.parse(block?.[1] ?? 'null')).toEqual({ bundle: loaded.document, invite: team.invites[1]?.token });
    expect(team.takeHomeMessage).toBe('Take-home file factory-bundle_grace_take-home.html downloaded.');
    expect(team.takeHomeError).toBeNull();
    expect(team.takeHomeBusy).toBeNull();
  }, 60_000);
});
