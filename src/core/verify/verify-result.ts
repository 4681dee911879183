import { decodeJwt } from 'jose';
import type { Bundle } from '../bundle/schema.ts';
import { chainAnchor, checkChain, type ChainProblem } from '../attempt/event-chain.ts';
import { deadlineOf } from '../attempt/timer.ts';
import { isAssayError } from '../errors.ts';
import { webCryptoProvider, type CryptoProvider } from '../crypto/provider.ts';
import { decryptResultFile, isCompactJwe, type DecryptionKey } from '../crypto/encrypt-result.ts';
import { verifyInviteSignature, type TeamPublicKey } from '../crypto/invite.ts';
import { InviteClaimsSchema, type InviteClaims } from '../invite/read-invite.ts';
import { verifyResultSignature } from '../crypto/sign-result.ts';
import { parseResultText } from '../result/validate-result.ts';
import { decodeUntrustedText } from '../file/untrusted-file.ts';
import type { Result } from '../result/schema.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export type CheckId =
  'decrypt' | 'format' | 'signature' | 'bundle' | 'chain' | 'invite' | 'window' | 'duration' | 'attempts';

export interface Check {
  id: CheckId;
  status: CheckStatus;
  message: string;
}

export interface VerificationReport {
  /** The file's name, when verifying files. */
  file?: string;
  /** SHA-256 of the file's bytes as received (what the candidate was told to quote). */
  fileSha256: string;
  verdict: 'ok' | 'warn' | 'fail';
  checks: Check[];
  result: Result | null;
  /** Thumbprint of the attempt key that signed. */
  attemptKeyId: string | null;
  invite: InviteClaims | null;
  encrypted: boolean;
}

export interface KnownBundle {
  hash: string;
  bundle: Bundle;
}

export interface VerifyContext {
  /** The bundles the hiring team published; a result must answer one of them. */
  bundles?: readonly KnownBundle[];
  /** The team's public signing keys, to check invites. */
  teamKeys?: readonly TeamPublicKey[];
  /** The team's private encryption keys, to open encrypted results. */
  decryptionKeys?: readonly DecryptionKey[];
  /** Minutes of slack on time limits and invite windows (clock drift, a slow export). Default 2. */
  graceMinutes?: number;
  /**
   * Whether results should carry an invite, so one without is warned about. Default:
   * when team keys are given (`--team-key`, or the workspace has team keys).
   */
  invitesExpected?: boolean;
  /** Hashing and ES256 verification; WebCrypto unless given (the CLI gives Node's). */
  crypto?: CryptoProvider;
}

export const CHECK_LABELS: Record<CheckId, string> = {
  decrypt: 'Encryption',
  format: 'File format',
  signature: 'Signature',
  bundle: 'Exercise',
  chain: 'Event log',
  invite: 'Invite',
  window: 'Invite window',
  duration: 'Time taken',
  attempts: 'Attempts',
};

const ORDER: CheckId[] = [
  'decrypt',
  'format',
  'signature',
  'bundle',
  'chain',
  'invite',
  'window',
  'duration',
  'attempts',
];

/**
 * Verifies one result file and returns a report of every check, each `ok`,
 * `warn`, `fail` or `skip` with a sentence a non-cryptographer can act on. Never
 * throws for a bad file: a broken file is a report with failures.
 */
export async function verifyResult(
  input: string | Uint8Array,
  context: VerifyContext = {},
): Promise<VerificationReport> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const report: VerificationReport = {
    fileSha256: await (context.crypto ?? webCryptoProvider).sha256Hex(bytes),
    verdict: 'ok',
    checks: [],
    result: null,
    attemptKeyId: null,
    invite: null,
    encrypted: false,
  };
  const add = (id: CheckId, status: CheckStatus, message: string) => report.checks.push({ id, status, message });
  const grace = (context.graceMinutes ?? 2) * 60_000;
  // Bytes cross the same boundary as every other file: the result file's size limit, strict UTF-8.
  let text: string;
  try {
    text = typeof input === 'string' ? input : decodeUntrustedText(input, 'result');
  } catch (error) {
    add('decrypt', 'skip', 'Not read.');
    add('format', 'fail', messageOf(error));
    return finish(report);
  }

  // Encryption.
  if (isCompactJwe(text)) {
    report.encrypted = true;
    try {
      text = await decryptResultFile(text, context.decryptionKeys ?? []);
      add('decrypt', 'ok', 'Encrypted to your team key; decrypted.');
    } catch (error) {
      add('decrypt', 'fail', messageOf(error));
      return finish(report);
    }
  } else add('decrypt', 'skip', 'Not encrypted.');

  // Format.
  let result: Result;
  try {
    result = parseResultText(text);
    report.result = result;
    add('format', 'ok', `A valid assay.result/1 file (${result.status}).`);
  } catch (error) {
    const detail = isAssayError(error) && error.code === 'NOT_JSON' ? ' It may be cut short or damaged.' : '';
    add('format', 'fail', `${messageOf(error)}${detail}`);
    return finish(report);
  }

  // Signature, and that the signing key is one this attempt made.
  const signature = await verifyResultSignature(result, context.crypto);
  report.attemptKeyId = signature.kid;
  if (!signature.ok) add('signature', 'fail', signature.message);
  else {
    const madeKeys = new Set(
      result.events
        .filter((e) => e.type === 'attempt.start' || e.type === 'key.created')
        .map((e) => e.data.keyId)
        .filter((k): k is string => typeof k === 'string'),
    );
    if (!madeKeys.has(signature.kid as string))
      add(
        'signature',
        'fail',
        'Signed by a key this attempt never recorded making: the file was re-signed by someone else.',
      );
    else if (result.integrity.keyStorage === 'memory')
      add(
        'signature',
        'warn',
        `${signature.message} The browser could not store the key, so it changed on reload (see the log).`,
      );
    else add('signature', 'ok', signature.message);
  }

  // Bundle.
  const known = context.bundles ?? [];
  const bundle = known.find((b) => b.hash === result.bundle.sha256);
  if (known.length === 0)
    add(
      'bundle',
      'warn',
      `Answers "${result.bundle.id}" v${result.bundle.version}; no bundle was given to check it against.`,
    );
  else if (!bundle)
    add(
      'bundle',
      'fail',
      `Answers an exercise you did not give: "${result.bundle.id}" v${result.bundle.version} with SHA-256 ${result.bundle.sha256.slice(0, 12)}…`,
    );
  else {
    const problem = answersMismatch(result, bundle.bundle);
    add(
      'bundle',
      problem ? 'fail' : 'ok',
      problem ?? `Answers "${bundle.bundle.title}" v${bundle.bundle.version}, exactly.`,
    );
  }

  // Event log hash chain.
  const chain = checkChain(
    result.events,
    chainAnchor(result.bundle.sha256, result.invite),
    result.integrity.eventsHead,
  );
  add(
    'chain',
    chain ? 'fail' : 'ok',
    chain ? describeChainProblem(chain) : `${result.events.length} events, chained without a gap.`,
  );

  // Invite.
  let claims: InviteClaims | null = null;
  if (!result.invite) {
    // With a team key at hand the team invites its candidates, so a file without an
    // invite is either someone who was never invited or one whose invite was removed
    // (and the file signed again with a new attempt key, which leaves no other trace).
    if (context.invitesExpected ?? (context.teamKeys?.length ?? 0) > 0)
      add(
        'invite',
        'warn',
        'No invite, although you gave a team key: the candidate typed their own name and email. Check that you invited them: an invite removed from the file (and the file signed again) looks just like this.',
      );
    else add('invite', 'skip', 'No invite: the candidate typed their own name and email.');
  } else {
    const parsed = InviteClaimsSchema.safeParse(safeDecode(result.invite));
    if (!parsed.success) add('invite', 'fail', 'The invite in the file cannot be read.');
    else {
      claims = parsed.data;
      report.invite = claims;
      const keys = context.teamKeys ?? [];
      const signed = await verifyInviteSignature(result.invite, keys, context.crypto);
      if (claims.bundle !== result.bundle.sha256)
        add('invite', 'fail', 'The invite was for another exercise than the one answered.');
      else if (!signed.ok) add('invite', keys.length === 0 ? 'warn' : 'fail', signed.message);
      else
        add(
          'invite',
          'ok',
          `${signed.message} Invited: ${claims.name ?? claims.sub}${claims.email ? ` <${claims.email}>` : ''}.`,
        );
    }
  }

  // Times.
  const started = Date.parse(result.timing.startedAt);
  const ended = Date.parse(result.timing.submittedAt ?? result.timing.exportedAt);
  if (claims) {
    const date = (s: number) => new Date(s).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    if (started < claims.nbf * 1000 - grace)
      add('window', 'fail', `Started ${date(started)}, before the invite opened (${date(claims.nbf * 1000)}).`);
    else if (ended > claims.exp * 1000 + grace)
      add('window', 'fail', `Submitted ${date(ended)}, after the invite expired (${date(claims.exp * 1000)}).`);
    else add('window', 'ok', `Started and submitted within the invite's window (until ${date(claims.exp * 1000)}).`);
  } else add('window', 'skip', 'No invite window to check.');

  const limitMinutes = claims?.dur ?? result.timing.timeLimitMinutes;
  const allowed = limitMinutes * 60_000;
  const taken = ended - started;
  const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
  if (claims && Math.abs(result.timing.timeLimitMinutes - claims.dur) > 0.001)
    add(
      'duration',
      'fail',
      `The file states a ${result.timing.timeLimitMinutes}-minute limit; the invite allowed ${claims.dur}.`,
    );
  else if (deadlineOf(started, limitMinutes) !== Date.parse(result.timing.deadline))
    add('duration', 'fail', 'The stated deadline does not follow from the start time and the limit.');
  else if (result.status === 'draft')
    add('duration', 'warn', `A draft, exported after ${minutes(taken)}: not submitted.`);
  else if (taken <= allowed + grace) add('duration', 'ok', `Took ${minutes(taken)} of ${minutes(allowed)}.`);
  else if (result.timing.timePolicy === 'soft')
    add(
      'duration',
      'warn',
      `Took ${minutes(taken)} of ${minutes(allowed)}: ${minutes(taken - allowed)} overtime (allowed, and recorded).`,
    );
  else add('duration', 'fail', `Took ${minutes(taken)}, more than the ${minutes(allowed)} a hard time limit allows.`);

  return finish(report);
}

/**
 * Checks across a batch: the same invite used by several attempts (different
 * attempt keys) is flagged on each of them. Changes the reports in place.
 */
export function checkBatch(reports: VerificationReport[]): void {
  const byInvite = new Map<string, Set<string>>();
  for (const r of reports) {
    if (!r.invite || !r.attemptKeyId || !r.result) continue;
    const attempts = byInvite.get(r.invite.jti) ?? new Set<string>();
    attempts.add(r.result.attemptId);
    byInvite.set(r.invite.jti, attempts);
  }
  for (const r of reports) {
    r.checks = r.checks.filter((c) => c.id !== 'attempts');
    if (!r.invite || !r.result) continue;
    const count = byInvite.get(r.invite.jti)?.size ?? 1;
    if (count > 1)
      r.checks.push({
        id: 'attempts',
        status: 'warn',
        message: `This invite was used for ${count} different attempts.`,
      });
    finish(r);
  }
}

function finish(report: VerificationReport): VerificationReport {
  const order = new Map(ORDER.map((id, i) => [id, i]));
  report.checks.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  report.verdict = report.checks.some((c) => c.status === 'fail')
    ? 'fail'
    : report.checks.some((c) => c.status === 'warn')
      ? 'warn'
      : 'ok';
  return report;
}

function answersMismatch(result: Result, bundle: Bundle): string | null {
  if (result.tasks.length !== bundle.tasks.length)
    return `The file answers ${result.tasks.length} tasks; the exercise has ${bundle.tasks.length}.`;
  for (const [i, task] of bundle.tasks.entries()) {
    const answered = result.tasks[i];
    if (!answered || answered.taskId !== task.id) return `Task ${i + 1} in the file is not "${task.id}".`;
    const ids = new Set(task.outputs.map((o) => o.id));
    if (answered.shownOrder.length !== ids.size || !answered.shownOrder.every((id) => ids.has(id)))
      return `The outputs shown for task "${task.id}" are not the exercise's.`;
  }
  return null;
}

function describeChainProblem(problem: ChainProblem): string {
  switch (problem.kind) {
    case 'seq':
      return `The event log has a gap: entry ${problem.index} is numbered ${problem.found}.`;
    case 'prev':
      return `The event log was changed: entry ${problem.index} does not follow the one before it.`;
    case 'time':
      return `The event log goes back in time at entry ${problem.index}.`;
    case 'head':
      return 'The end of the event log does not match the signed head: entries were removed or added at the end.';
  }
}

function safeDecode(token: string): unknown {
  try {
    return decodeJwt(token);
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
