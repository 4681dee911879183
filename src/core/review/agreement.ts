import { krippendorffAlpha } from '../stats/index.ts';
import type { Reviews } from './schema.ts';

export interface Disagreement {
  attemptId: string;
  taskId: string;
  outputId: string;
  criterion: string;
  /** Reviewer name → grade. */
  grades: Record<string, number>;
  spread: number;
}

export interface ReviewAgreement {
  reviewers: string[];
  /** Units graded by at least two reviewers (one critique × one criterion). */
  pairableUnits: number;
  /** Krippendorff's alpha, ordinal, over every criterion; null when fewer than two reviewers overlap. */
  alpha: number | null;
  /** The same, per criterion. */
  alphaByCriterion: Record<string, number | null>;
  /** Units where the grades differ by 2 or more, for adjudication; widest first. */
  disagreements: Disagreement[];
}

const unitKey = (attemptId: string, taskId: string, outputId: string, criterion: string) =>
  `${attemptId}\u0000${taskId}\u0000${outputId}\u0000${criterion}`;

/**
 * Agreement between reviewers: Krippendorff's alpha (ordinal level) with rows =
 * reviewers and columns = (critique, criterion) units, missing where a reviewer
 * did not grade; and the units whose grades differ by 2 or more.
 */
export function reviewAgreement(sets: readonly Reviews[]): ReviewAgreement {
  const reviewers = sets.map((s) => s.reviewer.name);
  const units = new Map<string, { attemptId: string; taskId: string; outputId: string; criterion: string }>();
  const grade = sets.map(() => new Map<string, number>());
  sets.forEach((set, r) => {
    for (const g of set.grades)
      for (const [criterion, value] of Object.entries(g.scores)) {
        const key = unitKey(g.attemptId, g.taskId, g.outputId, criterion);
        units.set(key, { attemptId: g.attemptId, taskId: g.taskId, outputId: g.outputId, criterion });
        grade[r]?.set(key, value);
      }
  });
  const keys = [...units.keys()];
  const alphaOf = (subset: string[]): number | null => {
    const pairable = subset.filter((k) => grade.filter((m) => m.has(k)).length >= 2);
    if (sets.length < 2 || pairable.length === 0) return null;
    const data = grade.map((m) => pairable.map((k) => m.get(k) ?? null));
    const alpha = krippendorffAlpha(data, 'ordinal');
    return Number.isNaN(alpha) ? null : alpha;
  };
  const criteria = [...new Set([...units.values()].map((u) => u.criterion))];
  const disagreements: Disagreement[] = [];
  for (const key of keys) {
    const values = grade.map((m) => m.get(key)).filter((v): v is number => v !== undefined);
    if (values.length < 2) continue;
    const spread = Math.max(...values) - Math.min(...values);
    if (spread < 2) continue;
    const unit = units.get(key) as { attemptId: string; taskId: string; outputId: string; criterion: string };
    const grades: Record<string, number> = {};
    sets.forEach((s, r) => {
      const v = grade[r]?.get(key);
      if (v !== undefined) grades[s.reviewer.name] = v;
    });
    disagreements.push({ ...unit, grades, spread });
  }
  disagreements.sort((a, b) => b.spread - a.spread);
  return {
    reviewers,
    pairableUnits: keys.filter((k) => grade.filter((m) => m.has(k)).length >= 2).length,
    alpha: alphaOf(keys),
    alphaByCriterion: Object.fromEntries(
      criteria.map((c) => [c, alphaOf(keys.filter((k) => units.get(k)?.criterion === c))]),
    ),
    disagreements,
  };
}

/** Looks up every reviewer's grades of one critique, for the scorer. */
export function gradeLookup(sets: readonly Reviews[]) {
  const index = new Map<string, Record<string, number>[]>();
  for (const set of sets)
    for (const g of set.grades) {
      const key = `${g.attemptId}\u0000${g.taskId}\u0000${g.outputId}`;
      const list = index.get(key) ?? [];
      list.push(g.scores);
      index.set(key, list);
    }
  return (attemptId: string, taskId: string, outputId: string) =>
    index.get(`${attemptId}\u0000${taskId}\u0000${outputId}`) ?? [];
}
