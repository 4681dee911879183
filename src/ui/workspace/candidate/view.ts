/**
 * One candidate's answers arranged for reading: per task, the outputs in the
 * order the candidate saw them, each with what the candidate marked and, when the
 * workspace has the answer key, how that compares with the key. Pure.
 */
import {
  critiqueLength,
  outputLabels,
  type ErrorScore,
  type IssueScore,
  type RankingScore,
  type Task,
} from '../../../core/index.ts';
import type { Candidate } from '../../../state/workspace.svelte.ts';

export interface OutputView {
  outputId: string;
  /** "A", "B", … as the candidate saw them. */
  label: string;
  /** The model output (markdown); null when the bundle is not in the workspace. */
  content: string | null;
  categories: string[];
  severity: string | null;
  noIssues: boolean;
  critique: string;
  critiqueLength: number;
  /** The key's known issues of this output, each found or missed (empty without a key). */
  issues: IssueScore[];
  /** Categories the candidate marked that the key does not list for this output. */
  falseAlarms: string[];
  /** The worst severity among the key's issues of this output (what the candidate should rate). */
  expectedSeverity: string | null;
  /** Null when no issue of the output was found. */
  severityMatch: boolean | null;
  reference: string | null;
}

export interface TaskView {
  taskId: string;
  index: number;
  title: string;
  task: Task | null;
  activeMs: number;
  labels: Record<string, string>;
  candidateRanking: string[] | null;
  /** Null without an answer key. */
  ranking: RankingScore | null;
  errors: ErrorScore | null;
  reviewScore: number | null;
  outputs: OutputView[];
}

export function taskViews(candidate: Candidate): TaskView[] {
  const { result } = candidate.file;
  const bundle = candidate.bundle?.bundle ?? null;
  return result.tasks.map((answer, index) => {
    const task = bundle?.tasks.find((t) => t.id === answer.taskId) ?? null;
    const scored = candidate.score?.tasks.find((t) => t.taskId === answer.taskId) ?? null;
    const taskKey = candidate.key?.tasks.find((t) => t.taskId === answer.taskId) ?? null;
    const byId = new Map(answer.outputs.map((o) => [o.outputId, o]));
    const outputs = answer.shownOrder.flatMap((outputId): OutputView[] => {
      const out = byId.get(outputId);
      if (!out) return [];
      const score = scored?.outputs.find((o) => o.outputId === outputId);
      return [
        {
          outputId,
          label: out.label,
          content: task?.outputs.find((o) => o.id === outputId)?.content ?? null,
          categories: out.categories,
          severity: out.severity,
          noIssues: out.noIssues,
          critique: out.critique,
          critiqueLength: critiqueLength(out.critique),
          issues: score?.issues ?? [],
          falseAlarms: score?.falseAlarms ?? [],
          expectedSeverity: score?.expectedSeverity ?? null,
          severityMatch: score?.severityMatch ?? null,
          reference: taskKey?.referenceCritiques[outputId] ?? null,
        },
      ];
    });
    return {
      taskId: answer.taskId,
      index,
      title: task?.title ?? answer.taskId,
      task,
      activeMs: answer.activeMs,
      labels: outputLabels(answer.shownOrder),
      candidateRanking: answer.ranking,
      ranking: scored?.ranking ?? null,
      errors: scored?.errors ?? null,
      reviewScore: scored?.reviewScore ?? null,
      outputs,
    };
  });
}

/**
 * Where each output of the candidate's ranking stands against the gold tiers:
 * `agrees` when its position falls inside the positions its gold tier spans
 * (tied outputs share a span: any order among them agrees).
 */
export function rankingAgreement(
  candidate: readonly string[],
  gold: readonly (readonly string[])[],
): { outputId: string; tier: number | null; agrees: boolean | null }[] {
  const span = new Map<string, { tier: number; from: number; to: number }>();
  let position = 0;
  gold.forEach((ids, tier) => {
    ids.forEach((id) => span.set(id, { tier, from: position, to: position + ids.length - 1 }));
    position += ids.length;
  });
  return candidate.map((outputId, i) => {
    const s = span.get(outputId);
    return { outputId, tier: s ? s.tier : null, agrees: s ? i >= s.from && i <= s.to : null };
  });
}
