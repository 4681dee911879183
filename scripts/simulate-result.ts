/**
 * Builds a realistic signed result without a browser: a candidate's answers to a
 * bundle, a hash-chained event log, signed with a fresh attempt key. Used by the
 * fixture generator, the benchmarks and the property tests. Core only.
 */
import {
  buildResult,
  chainAnchor,
  createAttemptKey,
  entryHash,
  fieldKey,
  outputLabels,
  readInvite,
  shownOrder,
  signResult,
  type AttemptEvent,
  type AttemptKey,
  type AttemptRecord,
  type Bundle,
  type EventData,
  type EventType,
  type Fields,
  type Result,
} from '../src/core/index.ts';

export interface SimulateOptions {
  bundle: Bundle;
  bundleHash: string;
  candidate?: { name: string; email: string };
  invite?: string;
  key?: AttemptKey;
  /** Wall-clock ms of the start. */
  startedAt?: number;
  /** Minutes from start to submission. */
  minutes?: number;
  /** Characters per critique (the file grows with it). */
  critiqueLength?: number;
  /** A deterministic seed for the answers. */
  seed?: number;
  submitted?: boolean;
}

const WORDS =
  'the response states a figure without a source and the second paragraph contradicts the first while the code example misses the empty input case so it would fail in production'.split(
    ' ',
  );

function text(length: number, seed: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += `${WORDS[(seed * 7 + i * 13) % WORDS.length]} `;
  return out.slice(0, length).trim() + '.';
}

export async function simulateResult(options: SimulateOptions): Promise<{ result: Result; key: AttemptKey }> {
  const { bundle, bundleHash } = options;
  const key = options.key ?? (await createAttemptKey());
  const seed = options.seed ?? 1;
  const startedAt = options.startedAt ?? Date.UTC(2026, 10, 20, 9, 0, 0);
  const minutes = options.minutes ?? Math.max(1, bundle.timeLimitMinutes - 5);
  const claims = options.invite ? readInvite(options.invite) : null;
  const timeLimitMinutes = claims?.dur ?? bundle.timeLimitMinutes;
  const attemptId = `sim-${seed.toString().padStart(4, '0')}-${key.kid.slice(0, 12)}`;
  const order = Object.fromEntries(
    bundle.tasks.map((t) => [
      t.id,
      shownOrder(
        t.outputs.map((o) => o.id),
        bundle.shuffleOutputs,
        `${attemptId}/${t.id}`,
      ),
    ]),
  );
  const events: AttemptEvent[] = [];
  let prev = chainAnchor(bundleHash, options.invite);
  const log = (type: EventType, at: number, data: EventData) => {
    const event: AttemptEvent = {
      seq: events.length,
      type,
      tMono: Math.round(at - startedAt),
      tWall: new Date(at).toISOString(),
      data,
      prev,
    };
    prev = entryHash(event);
    events.push(event);
  };
  log('attempt.start', startedAt, {
    bundleId: bundle.id,
    timeLimitMinutes,
    extraTimePercent: claims ? null : 0,
    keyId: key.kid,
    invited: claims !== null,
  });
  const fields: Fields = {};
  const perTask = (minutes * 60_000) / bundle.tasks.length;
  let rev = 1;
  bundle.tasks.forEach((task, t) => {
    const opened = startedAt + t * perTask + 1000;
    log('task.open', opened, { taskId: task.id });
    const ids = order[task.id] as string[];
    const labels = outputLabels(ids);
    ids.forEach((outputId, o) => {
      const s = seed + t * 31 + o * 7;
      fields[fieldKey.critique(task.id, outputId)] = {
        value: `Response ${labels[outputId]}: ${text(options.critiqueLength ?? 240, s)}`,
        rev: rev++,
      };
      if (s % 4 === 0) fields[fieldKey.noIssues(task.id, outputId)] = { value: true, rev: rev++ };
      else {
        const categories = [bundle.taxonomy[s % bundle.taxonomy.length]?.id as string];
        fields[fieldKey.categories(task.id, outputId)] = { value: categories, rev: rev++ };
        fields[fieldKey.severity(task.id, outputId)] = {
          value: bundle.severities[s % bundle.severities.length]?.id as string,
          rev: rev++,
        };
      }
      if (s % 5 === 0) log('critique.paste', opened + 1000 * (o + 1), { taskId: task.id, outputId, length: 40 + s });
    });
    const ranking = [...ids].sort(
      (a, b) => ((a.charCodeAt(0) * (seed + 3)) % 11) - ((b.charCodeAt(0) * (seed + 3)) % 11),
    );
    fields[fieldKey.ranking(task.id)] = { value: ranking, rev: rev++ };
    log('ranking.change', opened + perTask / 2, { taskId: task.id, ranking });
    if ((seed + t) % 3 === 0) {
      log('focus.lost', opened + perTask / 2 + 1000, {});
      log('focus.regained', opened + perTask / 2 + 9000, {});
    }
    fields[fieldKey.activeMs(task.id)] = { value: Math.round(perTask - 2000), rev: rev++ };
    log('task.leave', opened + perTask - 1500, { taskId: task.id });
  });
  const submittedAt = startedAt + minutes * 60_000;
  const submitted = options.submitted ?? true;
  if (submitted) log('attempt.submit', submittedAt, { auto: false, missing: 0 });
  log('result.export', submittedAt + 2000, { status: submitted ? 'submitted' : 'draft' });
  const record: AttemptRecord = {
    id: attemptId,
    bundleHash,
    bundleId: bundle.id,
    bundleVersion: bundle.version,
    candidate: options.candidate ?? { name: `Candidate ${seed}`, email: `candidate${seed}@example.org` },
    startedAt,
    timeLimitMinutes,
    timePolicy: bundle.timePolicy,
    shownOrder: order,
    status: submitted ? 'submitted' : 'in-progress',
    submittedAt: submitted ? submittedAt : null,
    autoSubmitted: false,
    fields,
    nextSeq: events.length,
    lastTMono: events.at(-1)?.tMono ?? 0,
    updatedAt: submittedAt,
    inviteToken: options.invite ?? null,
    inviteJti: claims?.jti ?? null,
    keyStorage: 'indexeddb',
  };
  const unsigned = buildResult(bundle, bundleHash, record, events, { now: submittedAt + 2000, appVersion: '0.1.0' });
  return { result: await signResult(unsigned, key), key };
}
