/**
 * Synthetic data for the scoring benchmark: a bundle of N tasks × 5 outputs, its
 * answer key (gold tiers, two issues per output but the best, a repeated task),
 * and results answered at random but deterministically. Unsigned: scoring does not
 * look at signatures.
 */
import {
  bundleHash,
  validateBundle,
  validateKeyForBundle,
  type AnswerKey,
  type Bundle,
  type Result,
} from '../src/core/index.ts';

export async function scoreData(
  tasks: number,
  candidates: number,
): Promise<{ bundle: Bundle; hash: string; key: AnswerKey; results: Result[] }> {
  const document = {
    format: 'assay.bundle/1',
    id: 'bench-score',
    version: '1',
    title: 'Scoring benchmark',
    domain: 'Benchmark',
    instructions: 'x',
    timeLimitMinutes: 120,
    timePolicy: 'soft',
    tasks: Array.from({ length: tasks }, (_, t) => ({
      id: `t${t}`,
      title: `Task ${t}`,
      prompt: 'p',
      outputs: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, content: `${id} ${t}` })),
    })),
  };
  const bundle = validateBundle(document);
  const hash = await bundleHash(document);
  const categories = bundle.taxonomy.map((c) => c.id);
  const key = validateKeyForBundle(
    {
      format: 'assay.key/1',
      bundle: { id: bundle.id, version: bundle.version, sha256: hash },
      tasks: bundle.tasks.map((task, t) => ({
        taskId: task.id,
        goldRanking: [['a'], ['b', 'c'], ['d'], ['e']],
        issues: ['b', 'c', 'd', 'e'].flatMap((outputId, o) => [
          {
            id: `${t}-${o}-1`,
            outputId,
            category: categories[(t + o) % categories.length],
            severity: 'major',
            description: 'x',
            keywords: ['wrong', 'step'],
          },
          {
            id: `${t}-${o}-2`,
            outputId,
            category: categories[(t + o + 3) % categories.length],
            severity: 'minor',
            description: 'y',
          },
        ]),
      })),
      consistencyPairs: [
        { taskA: 't0', taskB: `t${tasks - 1}`, outputMap: { a: 'a', b: 'b', c: 'c', d: 'd', e: 'e' } },
      ],
    },
    bundle,
    hash,
  );
  let state = 12345;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const results: Result[] = [];
  for (let i = 0; i < candidates; i++) {
    results.push({
      format: 'assay.result/1',
      status: 'submitted',
      app: { name: 'assay', version: 'bench' },
      attemptId: `bench-attempt-${i.toString().padStart(5, '0')}`,
      bundle: { id: bundle.id, version: bundle.version, sha256: hash },
      candidate: { name: `Candidate ${i}`, email: `c${i}@example.org` },
      timing: {
        startedAt: '2026-11-26T09:00:00.000Z',
        submittedAt: '2026-11-26T10:50:00.000Z',
        exportedAt: '2026-11-26T10:50:01.000Z',
        timeLimitMinutes: 120,
        timePolicy: 'soft',
        deadline: '2026-11-26T11:00:00.000Z',
        overtimeMs: 0,
        autoSubmitted: false,
        activeMsTotal: 6_000_000,
      },
      tasks: bundle.tasks.map((task) => {
        const ids = task.outputs.map((o) => o.id);
        const ranking = [...ids].sort(() => random() - 0.5);
        return {
          taskId: task.id,
          shownOrder: ids,
          ranking,
          activeMs: 300_000,
          outputs: ids.map((outputId, o) => ({
            outputId,
            label: String.fromCharCode(65 + o),
            critique: 'The second step is wrong: it divides where it should multiply.',
            categories: categories.filter(() => random() < 0.2),
            severity: 'major',
            noIssues: false,
          })),
        };
      }),
      events: [],
      integrity: { eventsHead: 'f'.repeat(64), keyStorage: 'indexeddb' },
    });
  }
  return { bundle, hash, key, results };
}
