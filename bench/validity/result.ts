/**
 * A simulated attempt as the app would export it: the answers go into an attempt
 * record's fields, and `buildResult` (the app's own code) turns them into an
 * `assay.result/1`, which must pass `validateResult`. Unsigned: scoring does not
 * read signatures, and signing thousands of results would only slow the run.
 */
import {
  buildResult,
  chainAnchor,
  entryHash,
  fieldKey,
  validateResult,
  type AttemptEvent,
  type AttemptRecord,
  type EventData,
  type EventType,
  type Fields,
  type Result,
} from '../../src/core/index.ts';
import type { Attempt, ExerciseModel } from './model.ts';

const STARTED_AT = Date.UTC(2026, 10, 20, 9, 0, 0);

export function toResult(model: ExerciseModel, attempt: Attempt): Result {
  const { bundle, bundleHash } = model;
  const minutes = Math.max(1, bundle.timeLimitMinutes - 5);
  const perTask = (minutes * 60_000) / Math.max(1, attempt.tasks.length);
  const fields: Fields = {};
  let rev = 1;
  const events: AttemptEvent[] = [];
  let prev = chainAnchor(bundleHash, null);
  const log = (type: EventType, at: number, data: EventData) => {
    const event: AttemptEvent = {
      seq: events.length,
      type,
      tMono: at - STARTED_AT,
      tWall: new Date(at).toISOString(),
      data,
      prev,
    };
    prev = entryHash(event);
    events.push(event);
  };
  log('attempt.start', STARTED_AT, {
    bundleId: bundle.id,
    timeLimitMinutes: bundle.timeLimitMinutes,
    extraTimePercent: 0,
    keyId: 'validity-simulation',
    invited: false,
  });
  attempt.tasks.forEach((task, t) => {
    for (const [outputId, answer] of task.outputs) {
      fields[fieldKey.critique(task.taskId, outputId)] = { value: answer.critique, rev: rev++ };
      if (answer.noIssues) fields[fieldKey.noIssues(task.taskId, outputId)] = { value: true, rev: rev++ };
      else fields[fieldKey.categories(task.taskId, outputId)] = { value: answer.categories, rev: rev++ };
      if (answer.severity !== null)
        fields[fieldKey.severity(task.taskId, outputId)] = { value: answer.severity, rev: rev++ };
    }
    fields[fieldKey.ranking(task.taskId)] = { value: task.ranking, rev: rev++ };
    fields[fieldKey.activeMs(task.taskId)] = { value: Math.round(perTask - 2000), rev: rev++ };
    log('ranking.change', Math.round(STARTED_AT + (t + 0.5) * perTask), { taskId: task.taskId, ranking: task.ranking });
  });
  const submittedAt = STARTED_AT + minutes * 60_000;
  log('attempt.submit', submittedAt, { auto: false, missing: 0 });
  log('result.export', submittedAt + 2000, { status: 'submitted' });
  const record: AttemptRecord = {
    id: attempt.attemptId,
    bundleHash,
    bundleId: bundle.id,
    bundleVersion: bundle.version,
    candidate: { name: `Simulated ${attempt.attemptId}`, email: `${attempt.attemptId}@example.org` },
    startedAt: STARTED_AT,
    timeLimitMinutes: bundle.timeLimitMinutes,
    timePolicy: bundle.timePolicy,
    shownOrder: Object.fromEntries(attempt.tasks.map((t) => [t.taskId, t.shown])),
    status: 'submitted',
    submittedAt,
    autoSubmitted: false,
    fields,
    nextSeq: events.length,
    lastTMono: events.at(-1)?.tMono ?? 0,
    updatedAt: submittedAt,
    inviteToken: null,
    inviteJti: null,
    keyStorage: 'indexeddb',
  };
  return validateResult(
    buildResult(bundle, bundleHash, record, events, { now: submittedAt + 2000, appVersion: 'validity' }),
  );
}
