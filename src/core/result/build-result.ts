import type { Bundle } from '../bundle/schema.ts';
import { readTaskAnswer } from '../attempt/answers.ts';
import type { AttemptRecord } from '../attempt/record.ts';
import { outputLabels } from '../attempt/order.ts';
import { deadlineOf } from '../attempt/timer.ts';
import type { AttemptEvent } from '../attempt/events.ts';
import { chainAnchor, chainHead } from '../attempt/event-chain.ts';
import { RESULT_FORMAT, type Result } from './schema.ts';

export interface BuildResultOptions {
  /** Wall-clock ms of the export. */
  now: number;
  appVersion: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Builds the result file's object from the stored attempt. Pure: the same attempt,
 * events and clock give the same object. A result built before submission is a
 * draft and says so.
 */
export function buildResult(
  bundle: Bundle,
  bundleHash: string,
  attempt: AttemptRecord,
  events: readonly AttemptEvent[],
  options: BuildResultOptions,
): Result {
  const deadline = deadlineOf(attempt.startedAt, attempt.timeLimitMinutes);
  const end = attempt.submittedAt ?? options.now;
  const tasks = bundle.tasks.map((task) => {
    const answer = readTaskAnswer(bundle, task, attempt.fields);
    const order = attempt.shownOrder[task.id] ?? task.outputs.map((o) => o.id);
    const labels = outputLabels(order);
    return {
      taskId: task.id,
      shownOrder: order,
      ranking: answer.ranking,
      activeMs: answer.activeMs,
      outputs: order.map((outputId) => {
        const out = answer.outputs[outputId];
        return {
          outputId,
          label: labels[outputId] ?? '?',
          critique: out?.critique ?? '',
          categories: out?.categories ?? [],
          severity: out?.severity ?? null,
          noIssues: out?.noIssues ?? false,
        };
      }),
    };
  });
  return {
    format: RESULT_FORMAT,
    status: attempt.status === 'submitted' ? 'submitted' : 'draft',
    app: { name: 'assay', version: options.appVersion },
    attemptId: attempt.id,
    bundle: { id: bundle.id, version: bundle.version, sha256: bundleHash },
    candidate: { ...attempt.candidate },
    timing: {
      startedAt: iso(attempt.startedAt),
      submittedAt: attempt.submittedAt === null ? null : iso(attempt.submittedAt),
      exportedAt: iso(options.now),
      timeLimitMinutes: attempt.timeLimitMinutes,
      timePolicy: attempt.timePolicy,
      deadline: iso(deadline),
      overtimeMs: Math.max(0, Math.round(end - deadline)),
      autoSubmitted: attempt.autoSubmitted,
      activeMsTotal: tasks.reduce((sum, t) => sum + t.activeMs, 0),
    },
    tasks,
    events: events.map((e) => ({ ...e, data: { ...e.data } })),
    ...(attempt.inviteToken ? { invite: attempt.inviteToken } : {}),
    integrity: {
      eventsHead: chainHead(events, chainAnchor(bundleHash, attempt.inviteToken)),
      keyStorage: attempt.keyStorage,
    },
  };
}
