import type { Bundle, Task } from '../bundle/schema.ts';
import { fieldKey, type Fields } from './fields.ts';

export interface OutputAnswer {
  critique: string;
  categories: string[];
  severity: string | null;
  /** The candidate says this output has no problems worth marking. */
  noIssues: boolean;
}

export interface TaskAnswer {
  /** Output ids best to worst, or null while the candidate has not ranked. */
  ranking: string[] | null;
  outputs: Record<string, OutputAnswer>;
  activeMs: number;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Reads a task's answers from stored fields. Values of the wrong type or naming ids
 * that the bundle does not have are ignored, so stored data can never make the
 * answers inconsistent with the bundle.
 */
export function readTaskAnswer(bundle: Bundle, task: Task, fields: Readonly<Fields>): TaskAnswer {
  const outputIds = task.outputs.map((o) => o.id);
  const categoryIds = new Set(bundle.taxonomy.map((c) => c.id));
  const severityIds = new Set(bundle.severities.map((s) => s.id));
  const rankingValue = fields[fieldKey.ranking(task.id)]?.value;
  const ranking = Array.isArray(rankingValue) ? normaliseRanking(strList(rankingValue), outputIds) : null;
  const outputs: Record<string, OutputAnswer> = {};
  for (const id of outputIds) {
    const severity = fields[fieldKey.severity(task.id, id)]?.value;
    outputs[id] = {
      critique: str(fields[fieldKey.critique(task.id, id)]?.value),
      categories: strList(fields[fieldKey.categories(task.id, id)]?.value).filter((c) => categoryIds.has(c)),
      severity: typeof severity === 'string' && severityIds.has(severity) ? severity : null,
      noIssues: fields[fieldKey.noIssues(task.id, id)]?.value === true,
    };
  }
  const active = fields[fieldKey.activeMs(task.id)]?.value;
  return {
    ranking,
    outputs,
    activeMs: typeof active === 'number' && Number.isFinite(active) && active > 0 ? Math.round(active) : 0,
  };
}

/** A ranking must be a permutation of the task's outputs; anything else is repaired or dropped. */
function normaliseRanking(ranking: string[], outputIds: string[]): string[] | null {
  const known = new Set(outputIds);
  const seen = new Set<string>();
  const kept = ranking.filter((id) => known.has(id) && !seen.has(id) && seen.add(id));
  if (kept.length !== outputIds.length) return null;
  return kept;
}

/** Characters as a person counts them (code points), ignoring surrounding white space. */
export function critiqueLength(text: string): number {
  let n = 0;
  for (const _ of text.trim()) n++;
  return n;
}

export type MissingKind = 'ranking' | 'critique' | 'categories' | 'severity';

export interface MissingItem {
  kind: MissingKind;
  taskId: string;
  outputId?: string;
  /** What to do, in words: "Critique is 12 of 80 characters". */
  message: string;
}

/**
 * What a task still needs before it meets the bundle's requirements, in the order
 * the candidate sees the outputs. `labels` maps output id → "A", "B", ….
 */
export function missingForTask(
  task: Task,
  answer: TaskAnswer,
  shownOrder: readonly string[],
  labels: Readonly<Record<string, string>>,
): MissingItem[] {
  const req = task.requirements;
  const missing: MissingItem[] = [];
  if (req.ranking && answer.ranking === null) {
    missing.push({ kind: 'ranking', taskId: task.id, message: 'Rank the responses from best to worst' });
  }
  for (const outputId of shownOrder) {
    const out = answer.outputs[outputId];
    if (!out) continue;
    const name = `Response ${labels[outputId] ?? outputId}`;
    if (req.critique) {
      const length = critiqueLength(out.critique);
      const min = Math.max(1, req.critiqueMinLength);
      if (length < min) {
        missing.push({
          kind: 'critique',
          taskId: task.id,
          outputId,
          message:
            length === 0
              ? `${name}: write a critique (at least ${min} characters)`
              : `${name}: critique is ${length} of ${min} characters`,
        });
      }
    }
    if (req.categories) {
      if (out.categories.length === 0 && !out.noIssues) {
        missing.push({
          kind: 'categories',
          taskId: task.id,
          outputId,
          message: `${name}: mark the error categories, or "No problems found"`,
        });
      } else if (out.categories.length > 0 && out.severity === null) {
        missing.push({ kind: 'severity', taskId: task.id, outputId, message: `${name}: choose a severity` });
      }
    }
  }
  return missing;
}
