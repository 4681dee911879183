import { kendallTauB } from '../stats/index.ts';

export interface RankingScore {
  /** Kendall's tau-b between the candidate's order and the gold tiers; null when not ranked. */
  tauB: number | null;
  /** Pairs the gold orders strictly, and how many of them the candidate orders the same way. */
  orderedPairs: number;
  agreeingPairs: number;
  /**
   * agreeingPairs / orderedPairs; null when the gold orders no pair. A task that had
   * to be ranked and was not scores 0 here (see `scoreRanking`), never "left out".
   */
  pairwiseAccuracy: number | null;
  /** The candidate's first output is in the gold's first tier; null when not ranked. */
  top1: boolean | null;
  candidate: string[] | null;
  gold: string[][];
}

/** Gold tier of each output (0 = best tier). The first listing of an id wins. */
export function goldTiers(gold: readonly (readonly string[])[]): Map<string, number> {
  const tier = new Map<string, number>();
  gold.forEach((ids, t) => ids.forEach((id) => tier.has(id) || tier.set(id, t)));
  return tier;
}

const pairCounts = new WeakMap<ReadonlyMap<string, number>, number>();

/** Pairs of outputs in different gold tiers; worked out once per key's tiers. */
function orderedPairsOf(tier: ReadonlyMap<string, number>): number {
  const cached = pairCounts.get(tier);
  if (cached !== undefined) return cached;
  const counts = new Map<number, number>();
  for (const t of tier.values()) counts.set(t, (counts.get(t) ?? 0) + 1);
  let pairs = (tier.size * (tier.size - 1)) / 2;
  for (const n of counts.values()) pairs -= (n * (n - 1)) / 2;
  pairCounts.set(tier, pairs);
  return pairs;
}

/**
 * The candidate's ranking as the scorer reads it: each gold output once, in the
 * candidate's order. Ids the gold does not know and repeats are dropped, so a
 * hostile file cannot count a pair twice.
 */
function cleanRanking(candidate: readonly string[], tier: ReadonlyMap<string, number>): readonly string[] {
  // At most ten outputs: a linear search for repeats is cheaper than a Set, and a
  // well-formed ranking (the usual case) is returned as it is.
  const out: string[] = [];
  let clean = true;
  for (let i = 0; i < candidate.length; i++) {
    const id = candidate[i] as string;
    if (!tier.has(id) || out.includes(id)) clean = false;
    else out.push(id);
  }
  return clean ? candidate : out;
}

/**
 * Compares a ranking (best first) with gold tiers. Pairwise accuracy counts over
 * every pair the gold orders, ranked or not: a pair the candidate left unranked is
 * not agreed with, so the value stays in [0, 1] and a partial or missing ranking
 * cannot score above a complete one. `candidate` null (not ranked) gives 0 of the
 * ordered pairs; tau-b and top-1 are then not measurable.
 */
export function scoreRanking(
  candidate: readonly string[] | null,
  gold: string[][],
  tiers?: ReadonlyMap<string, number>,
): RankingScore {
  const tier = tiers ?? goldTiers(gold);
  const orderedPairs = orderedPairsOf(tier);
  const ranked = candidate ? cleanRanking(candidate, tier) : [];
  const y: number[] = [];
  for (const id of ranked) y.push(tier.get(id) as number);
  let agreeingPairs = 0;
  for (let i = 0; i < y.length; i++) {
    const gi = y[i] as number;
    // The candidate puts i before j; the gold agrees when i's tier is better.
    for (let j = i + 1; j < y.length; j++) if (gi < (y[j] as number)) agreeingPairs++;
  }
  const measurable = ranked.length >= 2;
  const tau = measurable
    ? kendallTauB(
        ranked.map((_, i) => i),
        y,
      )
    : Number.NaN;
  return {
    candidate: candidate ? [...candidate] : null,
    gold,
    tauB: Number.isFinite(tau) ? Math.max(-1, Math.min(1, tau)) : null,
    orderedPairs,
    agreeingPairs,
    pairwiseAccuracy: orderedPairs === 0 ? null : agreeingPairs / orderedPairs,
    top1: measurable ? y[0] === 0 : null,
  };
}
