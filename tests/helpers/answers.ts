/**
 * Hand-built results for scoring tests: a result for a bundle whose answers are
 * given task by task (rankings, categories, severities), everything else plain.
 */
import type { AnswerKey, Bundle, Result } from '../../src/core/index.ts';

export interface TaskAnswers {
  ranking?: string[] | null;
  outputs?: Record<string, { categories?: string[]; severity?: string | null; noIssues?: boolean; critique?: string }>;
  activeMs?: number;
}

export function resultWith(
  bundle: Bundle,
  hash: string,
  answers: Record<string, TaskAnswers>,
  attemptId = 'attempt-test-0001',
): Result {
  return {
    format: 'assay.result/1',
    status: 'submitted',
    app: { name: 'assay', version: 'test' },
    attemptId,
    bundle: { id: bundle.id, version: bundle.version, sha256: hash },
    candidate: { name: 'Test Candidate', email: 'test@example.org' },
    timing: {
      startedAt: '2026-11-26T09:00:00.000Z',
      submittedAt: '2026-11-26T09:40:00.000Z',
      exportedAt: '2026-11-26T09:40:05.000Z',
      timeLimitMinutes: bundle.timeLimitMinutes,
      timePolicy: bundle.timePolicy,
      deadline: new Date(Date.parse('2026-11-26T09:00:00.000Z') + bundle.timeLimitMinutes * 60_000).toISOString(),
      overtimeMs: 0,
      autoSubmitted: false,
      activeMsTotal: bundle.tasks.reduce((n, t) => n + (answers[t.id]?.activeMs ?? 60_000), 0),
    },
    tasks: bundle.tasks.map((task) => {
      const a = answers[task.id] ?? {};
      const order = task.outputs.map((o) => o.id);
      return {
        taskId: task.id,
        shownOrder: order,
        ranking: a.ranking === undefined ? null : a.ranking,
        activeMs: a.activeMs ?? 60_000,
        outputs: order.map((outputId, i) => {
          const o = a.outputs?.[outputId] ?? {};
          return {
            outputId,
            label: String.fromCharCode(65 + i),
            critique: o.critique ?? '',
            categories: o.categories ?? [],
            severity: o.severity ?? null,
            noIssues: o.noIssues ?? false,
          };
        }),
      };
    }),
    events: [],
    integrity: { eventsHead: 'f'.repeat(64), keyStorage: 'indexeddb' },
  };
}

/** What a candidate who agrees with the key in everything answers. */
export function perfectAnswers(bundle: Bundle, key: AnswerKey): Record<string, TaskAnswers> {
  const order = new Map(bundle.severities.map((s, i) => [s.id, i]));
  return Object.fromEntries(
    key.tasks.map((t) => {
      const outputs: NonNullable<TaskAnswers['outputs']> = {};
      const task = bundle.tasks.find((x) => x.id === t.taskId);
      for (const output of task?.outputs ?? []) {
        const issues = t.issues.filter((i) => i.outputId === output.id);
        const worst = [...issues].sort((a, b) => (order.get(b.severity) ?? 0) - (order.get(a.severity) ?? 0))[0];
        outputs[output.id] = issues.length
          ? { categories: [...new Set(issues.map((i) => i.category))], severity: worst?.severity ?? null }
          : { noIssues: true };
      }
      return [t.taskId, { ranking: t.goldRanking.flat(), outputs }];
    }),
  );
}
