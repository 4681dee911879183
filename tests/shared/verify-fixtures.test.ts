/**
 * The golden result fixtures (tests/fixtures/results, made by
 * scripts/make-result-fixtures.ts) against verifyResult. This file runs in Node
 * and in Chromium (vitest projects "shared-node" and "shared-chromium"), as jose's
 * own suite does: the same WebCrypto code must give the same verdicts in both.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bundleHash,
  checkBatch,
  restoreTeamKey,
  validateBundle,
  validateTeamKeyBackup,
  validateTeamKeyFile,
  verifyResult,
  type CheckId,
  type VerifyContext,
} from '../../src/core/index.ts';

const files = import.meta.glob('../fixtures/results/*', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;
const bundleFiles = import.meta.glob('../fixtures/bundles/minimal.json', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const fixture = (name: string): string => {
  const text = files[`../fixtures/results/${name}`];
  if (text === undefined) throw new Error(`missing fixture ${name}`);
  return text;
};
const PASSPHRASE = 'fixture passphrase: a test key, not a secret';

let context: VerifyContext;

beforeAll(async () => {
  const bundleText = Object.values(bundleFiles)[0] as string;
  const document = JSON.parse(bundleText) as unknown;
  const keys = await restoreTeamKey(validateTeamKeyBackup(JSON.parse(fixture('team-key.backup.json'))), PASSPHRASE);
  context = {
    bundles: [{ bundle: validateBundle(document), hash: await bundleHash(document) }],
    teamKeys: [validateTeamKeyFile(JSON.parse(fixture('team-key.public.json'))).signing],
    decryptionKeys: [{ kid: keys.file.encryption.kid, privateKey: keys.encryption }],
  };
}, 30_000);

describe('verifyResult on the golden fixtures', () => {
  it('passes the valid result, with every check ok', async () => {
    const report = await verifyResult(fixture('valid.json'), context);
    expect(report.checks.filter((c) => c.status !== 'ok' && c.status !== 'skip')).toEqual([]);
    expect(report.verdict).toBe('ok');
    expect(report.result?.candidate.name).toBe('Ada Lovelace');
    expect(report.invite?.email).toBe('ada@example.org');
    expect(report.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('decrypts and passes the encrypted copy with the team key, and fails clearly without it', async () => {
    const report = await verifyResult(fixture('valid.assay-result.jwe'), context);
    expect(report.encrypted).toBe(true);
    expect(report.verdict).toBe('ok');
    const locked = await verifyResult(fixture('valid.assay-result.jwe'), { ...context, decryptionKeys: [] });
    expect(locked.verdict).toBe('fail');
    expect(locked.checks[0]).toMatchObject({ id: 'decrypt', status: 'fail' });
    expect(locked.checks[0]?.message).toMatch(/encrypted: give the team key/);
  });

  it.each<[string, CheckId, RegExp]>([
    ['tampered-answer.json', 'signature', /changed after it was exported/],
    ['tampered-ranking.json', 'signature', /changed after it was exported/],
    ['tampered-timestamp.json', 'signature', /changed after it was exported/],
    ['tampered-removed-event.json', 'signature', /changed after it was exported/],
    ['tampered-removed-event.json', 'chain', /event log was changed/],
    ['tampered-swapped-key.json', 'signature', /changed after it was exported/],
    ['other-bundle.json', 'bundle', /did not give/],
    ['expired-invite.json', 'window', /after the invite expired/],
    ['forged-invite.json', 'invite', /not signed by any of your team keys/],
    ['truncated.json', 'format', /not valid JSON.*ends too early/],
  ])('%s fails the %s check', async (name, check, message) => {
    const report = await verifyResult(fixture(name), context);
    expect(report.verdict).toBe('fail');
    const found = report.checks.find((c) => c.id === check);
    expect(found?.status).toBe('fail');
    expect(found?.message).toMatch(message);
  });

  // A second copy of a key inserted before the real one: JSON.parse keeps the last, so
  // the signature still verified and the file read "ok" although its bytes had changed.
  it.each([
    ['duplicate-critique.json', '$.tasks[0].outputs[0].critique'],
    ['duplicate-name.json', '$.candidate.name'],
    ['duplicate-status.json', '$.status'],
    ['duplicate-signature.json', '$.signature'],
  ])('%s fails the format check, naming %s', async (name, path) => {
    const report = await verifyResult(fixture(name), context);
    expect(report.verdict).toBe('fail');
    expect(report.result).toBeNull();
    const format = report.checks.find((c) => c.id === 'format');
    expect(format?.status).toBe('fail');
    expect(format?.message).toContain(`appears twice in the same object (the second time at ${path}, line `);
  });

  it('warns about a result with no invite when a team key is given (an invite stripped, the file re-signed)', async () => {
    const report = await verifyResult(fixture('stripped-invite.json'), context);
    expect(report.verdict).toBe('warn');
    expect(report.checks.filter((c) => c.status === 'warn')).toEqual([
      { id: 'invite', status: 'warn', message: expect.stringMatching(/^No invite, although you gave a team key/) },
    ]);
    expect(report.checks.find((c) => c.id === 'signature')?.status).toBe('ok');
    const noKey = await verifyResult(fixture('stripped-invite.json'), { ...context, teamKeys: [] });
    expect(noKey.checks.find((c) => c.id === 'invite')?.status).toBe('skip');
    expect(noKey.verdict).toBe('ok');
  });

  it('flags one invite used for two attempts when verifying a batch', async () => {
    const reports = [
      await verifyResult(fixture('valid.json'), context),
      await verifyResult(fixture('same-invite-second-attempt.json'), context),
      await verifyResult(fixture('other-bundle.json'), context),
    ];
    checkBatch(reports);
    expect(reports[0]?.checks.find((c) => c.id === 'attempts')).toMatchObject({ status: 'warn' });
    expect(reports[0]?.verdict).toBe('warn');
    expect(reports[1]?.checks.find((c) => c.id === 'attempts')?.message).toMatch(/used for 2 different attempts/);
    expect(reports[2]?.checks.some((c) => c.id === 'attempts')).toBe(false);
  });

  it('says what it could not check when no bundle or team key is given', async () => {
    const report = await verifyResult(fixture('valid.json'));
    expect(report.verdict).toBe('warn');
    expect(report.checks.find((c) => c.id === 'bundle')?.message).toMatch(/no bundle was given/);
    expect(report.checks.find((c) => c.id === 'invite')).toMatchObject({ status: 'warn' });
    expect(report.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'ok' });
  });

  it('refuses the invite when only another team key is given', async () => {
    const other = validateTeamKeyFile(JSON.parse(fixture('other-team-key.public.json')));
    const report = await verifyResult(fixture('valid.json'), { ...context, teamKeys: [other.signing] });
    expect(report.checks.find((c) => c.id === 'invite')).toMatchObject({ status: 'fail' });
  });
});
