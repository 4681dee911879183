/**
 * Writes the golden result fixtures in tests/fixtures/results/: a valid signed
 * result (invited, and encrypted), and tampered copies, each of which a specific
 * check must catch. Run by hand (`npx tsx scripts/make-result-fixtures.ts`); the
 * files are committed. The team key here is a test key: its passphrase is in
 * FIXTURE_PASSPHRASE below, on purpose.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { base64url, CompactSign } from 'jose';
import {
  createAttemptKey,
  createTeamKey,
  encryptResultFile,
  loadBundleText,
  mintInvite,
  signResult,
  type Result,
} from '../src/core/index.ts';
import { simulateResult } from './simulate-result.ts';
import { writeDerivedFixtures } from './derived-result-fixtures.ts';

export const FIXTURE_PASSPHRASE = 'fixture passphrase: a test key, not a secret';
const dir = new URL('../tests/fixtures/results/', import.meta.url);
await mkdir(dir, { recursive: true });
const write = (name: string, content: string) => writeFile(new URL(name, dir), content);
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const minimal = await loadBundleText(
  await readFile(new URL('../tests/fixtures/bundles/minimal.json', import.meta.url), 'utf8'),
);
const other = await loadBundleText(
  JSON.stringify({
    ...JSON.parse(await readFile(new URL('../tests/fixtures/bundles/minimal.json', import.meta.url), 'utf8')),
    id: 'fixture-other',
    title: 'Another exercise',
  }),
);
await write('other-bundle.bundle.json', json(other.document));

const team = await createTeamKey('Fixture Hiring Team', FIXTURE_PASSPHRASE);
const stranger = await createTeamKey('Some Other Team', FIXTURE_PASSPHRASE);
await write('team-key.backup.json', json(team.backup));
await write('team-key.public.json', json(team.keys.file));
await write('other-team-key.public.json', json(stranger.keys.file));

const startedAt = Date.UTC(2026, 10, 20, 9, 0, 0);
const nbf = Math.floor(startedAt / 1000) - 3600;
const invite = await mintInvite(
  { privateKey: team.keys.signing, kid: team.keys.file.signing.kid },
  {
    sub: 'ada@example.org',
    name: 'Ada Lovelace',
    email: 'ada@example.org',
    bundle: minimal.hash,
    nbf,
    exp: nbf + 7 * 24 * 3600,
    dur: 30,
    rcpt: team.keys.file.encryption.jwk,
  },
);
const candidate = { name: 'Ada Lovelace', email: 'ada@example.org' };
const { result: valid, key } = await simulateResult({
  bundle: minimal.bundle,
  bundleHash: minimal.hash,
  candidate,
  invite,
  startedAt,
  minutes: 24,
  seed: 7,
});
const validText = json(valid);
await write('valid.json', validText);
await write('valid.assay-result.jwe', await encryptResultFile(validText, team.keys.file.encryption.jwk));

// Tampered copies: each changes the signed file after export.
const clone = (): Result => JSON.parse(validText) as Result;
const answer = clone();
const critique = answer.tasks[0]!.outputs[0]!;
critique.critique = critique.critique.replace(/.$/, (c) => (c === '!' ? '?' : '!'));
await write('tampered-answer.json', json(answer));

const ranking = clone();
ranking.tasks[0]!.ranking = [...(ranking.tasks[0]!.ranking ?? [])].reverse();
await write('tampered-ranking.json', json(ranking));

const timestamp = clone();
timestamp.timing.startedAt = new Date(Date.parse(timestamp.timing.startedAt) + 10 * 60_000).toISOString();
await write('tampered-timestamp.json', json(timestamp));

const removed = clone();
const pasteIndex = removed.events.findIndex((e) => e.type === 'critique.paste' || e.type === 'focus.lost');
removed.events.splice(pasteIndex, 1);
removed.events.forEach((e, i) => (e.seq = i));
await write('tampered-removed-event.json', json(removed));

// The signer's public key swapped for another (the signature itself untouched).
const swapped = clone();
const [header, , signature] = swapped.signature!.split('.');
const decoded = JSON.parse(new TextDecoder().decode(base64url.decode(header!))) as Record<string, unknown>;
const impostor = await createAttemptKey();
const swappedHeader = base64url.encode(JSON.stringify({ ...decoded, jwk: impostor.publicJwk, kid: impostor.kid }));
swapped.signature = `${swappedHeader}..${signature}`;
await write('tampered-swapped-key.json', json(swapped));
void CompactSign;

// A genuine, signed result, but for another exercise than the one given to the verifier.
const { result: forOther } = await simulateResult({
  bundle: other.bundle,
  bundleHash: other.hash,
  candidate,
  startedAt,
  minutes: 20,
  seed: 8,
});
await write('other-bundle.json', json(forOther));

// Invited, but submitted a day after the invite expired.
const expiredInvite = await mintInvite(
  { privateKey: team.keys.signing, kid: team.keys.file.signing.kid },
  {
    sub: 'grace@example.org',
    name: 'Grace Hopper',
    email: 'grace@example.org',
    bundle: minimal.hash,
    nbf,
    exp: nbf + 3600,
    dur: 30,
  },
);
const { result: expired } = await simulateResult({
  bundle: minimal.bundle,
  bundleHash: minimal.hash,
  candidate: { name: 'Grace Hopper', email: 'grace@example.org' },
  invite: expiredInvite,
  startedAt: startedAt + 24 * 3600_000,
  minutes: 20,
  seed: 9,
});
await write('expired-invite.json', json(expired));

// An invite signed by another team's key.
const forgedInvite = await mintInvite(
  { privateKey: stranger.keys.signing, kid: stranger.keys.file.signing.kid },
  {
    sub: 'mallory@example.org',
    name: 'Mallory',
    email: 'mallory@example.org',
    bundle: minimal.hash,
    nbf,
    exp: nbf + 7 * 24 * 3600,
    dur: 30,
  },
);
const { result: forged } = await simulateResult({
  bundle: minimal.bundle,
  bundleHash: minimal.hash,
  candidate: { name: 'Mallory', email: 'mallory@example.org' },
  invite: forgedInvite,
  startedAt,
  minutes: 20,
  seed: 10,
});
await write('forged-invite.json', json(forged));

await write('truncated.json', validText.slice(0, Math.floor(validText.length * 0.6)));

// A second attempt on the same invite (a new attempt key): flagged in a batch.
const { result: again } = await simulateResult({
  bundle: minimal.bundle,
  bundleHash: minimal.hash,
  candidate,
  invite,
  startedAt: startedAt + 3600_000,
  minutes: 22,
  seed: 11,
});
await write('same-invite-second-attempt.json', json(again));

await writeDerivedFixtures(validText);

void signResult;
void key;
console.log('wrote tests/fixtures/results/*');
