/**
 * `npm run validity`: does the scoring measure skill? Simulated candidates of known
 * skill θ (docs/validity.md has the model) answer every sample bundle twice; the
 * real scorer scores them, before and after simulated reviewers grade the
 * critiques; and content-free strategies are placed among them. Run by hand, never
 * in CI: the figures are for the closing notes, not assertions.
 *
 *   npm run validity -- [--seed S] [--candidates N] [--strategy-candidates M] [--task-spread SD] [--dir exercises]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  bundleHash,
  gradeLookup,
  reviewAgreement,
  scoreResult,
  validateBundle,
  validateKey,
  validateKeyForBundle,
  validateReviews,
  type AnswerKey,
  type Bundle,
  type CandidateScore,
  type ReviewLookup,
} from '../../src/core/index.ts';
import {
  PART_IDS,
  alphaAcross,
  meanOf,
  partValue,
  percentileAmong,
  quantile,
  rankCorrelation,
  taskScores,
  type PartId,
} from './analysis.ts';
import {
  MODEL,
  copyByIdApplies,
  exerciseModel,
  reviewerPool,
  simulateAttempt,
  simulateReviews,
  type Attempt,
  type ExerciseModel,
  type Strategy,
} from './model.ts';
import { createRng } from './random.ts';
import { toResult } from './result.ts';

const USAGE =
  'Usage: npm run validity -- [--seed S] [--candidates N] [--strategy-candidates M] [--task-spread SD] [--dir exercises]';

function positiveInt(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number of at least ${min}, not "${text}".\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      candidates: { type: 'string', default: '500' },
      'strategy-candidates': { type: 'string', default: '50' },
      'task-spread': { type: 'string' },
      dir: { type: 'string', default: 'exercises' },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const seed = args.seed;
const candidates = positiveInt('candidates', args.candidates, 2);
const strategyCandidates = positiveInt('strategy-candidates', args['strategy-candidates'], 1);
const taskSpread = args['task-spread'] === undefined ? MODEL.taskSpread : Number(args['task-spread']);
if (!Number.isFinite(taskSpread) || taskSpread < 0) {
  console.error(`--task-spread must be a number of at least 0, not "${args['task-spread']}".\n${USAGE}`);
  process.exit(2);
}
const started = performance.now();

// ---------------------------------------------------------------- the exercises
interface Exercise {
  file: string;
  bundle: Bundle;
  key: AnswerKey;
  model: ExerciseModel;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch (error) {
    console.error(`Cannot read the folder ${dir} (${(error as Error).message}).\n${USAGE}`);
    process.exit(2);
  }
}

const keyDocuments = jsonFiles(join(args.dir, 'keys')).map((file) => ({ file, document: readJson(file) }));
const exercises: Exercise[] = [];
for (const file of jsonFiles(args.dir)) {
  const document = readJson(file);
  let bundle: Bundle;
  try {
    bundle = validateBundle(document);
  } catch {
    continue; // not a bundle (a schema, say)
  }
  const hash = await bundleHash(document);
  const candidatesForKey = keyDocuments.filter((k) => {
    try {
      return validateKey(k.document).bundle.id === bundle.id;
    } catch {
      return false;
    }
  });
  if (candidatesForKey.length === 0) {
    console.log(`${file}: no answer key in ${join(args.dir, 'keys')} names bundle "${bundle.id}"; skipped.`);
    continue;
  }
  const found = candidatesForKey[0] as { file: string; document: unknown };
  try {
    const key = validateKeyForBundle(found.document, bundle, hash);
    exercises.push({ file, bundle, key, model: exerciseModel(bundle, key, hash, seed, { taskSpread }) });
  } catch (error) {
    console.log(`${file}: ${found.file} does not fit it (${(error as Error).message}); skipped.`);
  }
}
if (exercises.length === 0) {
  console.error(`No bundle with a fitting answer key in ${args.dir}.`);
  process.exit(1);
}

// ---------------------------------------------------------------- strategies
function strategiesFor(model: ExerciseModel): Strategy[] {
  const list: Strategy[] = [
    { id: 'mark-all', label: 'mark every category on every output', marks: { kind: 'all' } },
    // Only categories the key lists somewhere can pay; the most rewarded is reported.
    ...model.categories
      .filter((c) => model.tasks.some((t) => [...t.keyCategories.values()].some((set) => set.has(c))))
      .map((category): Strategy => ({
        id: `one-but-first/${category}`,
        label: `mark ${category} on all but the first-ranked`,
        marks: { kind: 'one-but-first', category },
      })),
    { id: 'mark-none', label: 'mark nothing ("no problems found" everywhere)', marks: { kind: 'none' } },
    { id: 'rank-shown', label: 'rank in the order shown', ranking: 'shown' },
    { id: 'rank-by-id', label: 'rank by output id', ranking: 'by-id' },
  ];
  if (model.pairs.length > 0) {
    list.push({ id: 'copy-position', label: 'copy the repeated task by position', repeat: 'position' });
    if (model.pairs.every((p) => copyByIdApplies(model, p)))
      list.push({ id: 'copy-id', label: 'copy the repeated task by output id', repeat: 'id' });
  }
  list.push({ id: 'stuffed', label: 'long keyword-stuffed critiques', critique: 'stuffed' });
  return list;
}

/** Strategies that cannot be played on this bundle, and why. */
function notApplicable(model: ExerciseModel): string[] {
  if (model.pairs.length === 0) return ['copy the repeated task: n/a (no repeated task)'];
  if (!model.pairs.every((p) => copyByIdApplies(model, p)))
    return ["copy the repeated task by output id: n/a (the repeat's output ids differ from the original's)"];
  return [];
}

/** Zero-effort combinations; `category` is the one-category strategy's most rewarded category (none when the key lists none). */
function combinationsFor(model: ExerciseModel, category: string | null): Strategy[] {
  const repeat = model.pairs.length > 0 ? ({ repeat: 'position' } as const) : {};
  const copy = model.pairs.length > 0 ? ', copy' : '';
  const list: Strategy[] = [
    {
      id: 'combo-all',
      label: `combo: mark all, rank as shown${copy}, generic critiques`,
      marks: { kind: 'all' },
      ranking: 'shown',
      critique: 'generic',
      ...repeat,
    },
    {
      id: 'combo-none',
      label: `combo: mark none, rank as shown${copy}, generic critiques`,
      marks: { kind: 'none' },
      ranking: 'shown',
      critique: 'generic',
      ...repeat,
    },
    {
      id: 'combo-all-stuffed',
      label: 'combo: mark all, rank by id, keyword-stuffed critiques',
      marks: { kind: 'all' },
      ranking: 'by-id',
      critique: 'stuffed',
    },
  ];
  if (category !== null)
    list.splice(2, 0, {
      id: `combo-one/${category}`,
      label: `combo: ${category} but first, as shown${copy}, generic`,
      marks: { kind: 'one-but-first', category },
      ranking: 'shown',
      critique: 'generic',
      ...repeat,
    });
  return list;
}

// ---------------------------------------------------------------- simulation
const root = createRng(seed);
const thetaRng = root.fork('theta');
const thetas = Array.from({ length: candidates }, () => thetaRng.normal());
const pool = reviewerPool(root.fork('reviewers'));
const AGREEMENT_SAMPLE = 200;

interface Scored {
  before: CandidateScore;
  after: CandidateScore;
}

function scoreAll(ex: Exercise, attempts: Attempt[], lookup: ReviewLookup): Scored[] {
  return attempts.map((attempt) => {
    const result = toResult(ex.model, attempt);
    return { before: scoreResult(result, ex.bundle, ex.key), after: scoreResult(result, ex.bundle, ex.key, lookup) };
  });
}

interface StrategyOutcome {
  strategy: Strategy;
  /** Composites of the strategy's simulated candidates, before and after reviews. */
  before: (number | null)[];
  after: (number | null)[];
}

interface BundleRun {
  ex: Exercise;
  honest: [Scored[], Scored[]];
  strategies: StrategyOutcome[];
  reviewerAlpha: number | null;
  reviewers: number;
}

function runBundle(ex: Exercise): BundleRun {
  const rng = root.fork(`bundle/${ex.bundle.id}`);
  const honestAttempts = [1, 2].map((a) =>
    thetas.map((theta, i) =>
      simulateAttempt(ex.model, { attemptId: `honest-${i}-attempt-${a}`, theta, rng: rng.fork(`honest/${i}/${a}`) }),
    ),
  ) as [Attempt[], Attempt[]];
  const singles = strategiesFor(ex.model);
  // Short attempt ids (a result's is at most 64 characters, whatever the taxonomy's ids).
  const strategyAttempts = (list: Strategy[], prefix: string) =>
    list.map((strategy, s) =>
      Array.from({ length: strategyCandidates }, (_, j) =>
        simulateAttempt(ex.model, {
          attemptId: `${prefix}-${s}-${j}`,
          theta: 0,
          rng: rng.fork(`strategy/${strategy.id}/${j}`),
          strategy,
        }),
      ),
    );
  const singleAttempts = strategyAttempts(singles, 'single');
  // Reviews of the honest critiques and of the singles first, then the combinations
  // (which depend on which category the singles show is most rewarded).
  const gradeAll = (attempts: Attempt[], label: string) =>
    simulateReviews(ex.model, attempts, pool, rng.fork(`reviews/${label}`)).map((set) => validateReviews(set));
  const honestReviews = gradeAll([...honestAttempts[0], ...honestAttempts[1]], 'honest');
  // Agreement is a property of the reviewer model, not of the number of candidates:
  // the first attempts of up to AGREEMENT_SAMPLE candidates measure it well and quickly.
  const sampled = new Set(honestAttempts[0].slice(0, AGREEMENT_SAMPLE).map((a) => a.attemptId));
  const agreement = reviewAgreement(
    honestReviews.map((set) => ({ ...set, grades: set.grades.filter((g) => sampled.has(g.attemptId)) })),
  );
  const singleReviews = gradeAll(singleAttempts.flat(), 'singles');
  const lookupSingles = gradeLookup([...honestReviews, ...singleReviews]);
  const honest = honestAttempts.map((attempts) => scoreAll(ex, attempts, lookupSingles)) as [Scored[], Scored[]];
  const honestBefore = honest[0].map((s) => s.before.composite).filter((v): v is number => v !== null);
  const outcomes: StrategyOutcome[] = singles.map((strategy, s) => {
    const scored = scoreAll(ex, singleAttempts[s] as Attempt[], lookupSingles);
    return { strategy, before: scored.map((x) => x.before.composite), after: scored.map((x) => x.after.composite) };
  });
  // The one-category strategy at its most rewarded category is the one to report.
  const median = (o: StrategyOutcome) =>
    quantile(
      o.before.filter((v): v is number => v !== null).map((v) => percentileAmong(honestBefore, v)),
      0.5,
    );
  const oneCategory = outcomes.filter((o) => o.strategy.marks?.kind === 'one-but-first');
  const worst = oneCategory.reduce<StrategyOutcome | null>(
    (a, b) => (a === null || median(b) > median(a) ? b : a),
    null,
  );
  const category = worst?.strategy.marks?.kind === 'one-but-first' ? worst.strategy.marks.category : null;
  const combos = combinationsFor(ex.model, category);
  const comboAttempts = strategyAttempts(combos, 'combo');
  const comboReviews = gradeAll(comboAttempts.flat(), 'combinations');
  const lookupCombos = gradeLookup(comboReviews);
  const comboOutcomes = combos.map((strategy, s) => {
    const scored = scoreAll(ex, comboAttempts[s] as Attempt[], lookupCombos);
    return { strategy, before: scored.map((x) => x.before.composite), after: scored.map((x) => x.after.composite) };
  });
  return {
    ex,
    honest,
    strategies: [...outcomes.filter((o) => !oneCategory.includes(o) || o === worst), ...comboOutcomes],
    reviewerAlpha: agreement.alpha,
    reviewers: pool.length,
  };
}

// ---------------------------------------------------------------- printing
const TARGET_PERCENTILE = 5;
const TARGET_RHO = 0.9;
const fmt = (v: number | null | undefined, digits = 3) =>
  v === null || v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits);
const row = (label: string, ...cells: string[]) =>
  console.log(`  ${label.padEnd(64)} ${cells.map((c) => c.padStart(16)).join(' ')}`);
const PART_LABELS: Record<PartId, string> = {
  ranking: 'ranking',
  errorIdentification: 'error identification',
  consistency: 'consistency',
  critique: 'critique',
};

interface Population {
  /** Per honest candidate (attempt 1 and 2): composite and parts, before and after reviews. */
  composite: { before: (number | null)[][]; after: (number | null)[][] };
  parts: Record<PartId, { before: (number | null)[]; after: (number | null)[] }>;
  tasks: { before: (number | null)[][]; after: (number | null)[][] };
}

function population(runs: BundleRun[]): Population {
  const per = (pick: (s: Scored) => number | null, attempt: 0 | 1) =>
    thetas.map((_, i) => meanOf(runs.map((r) => pick(r.honest[attempt][i] as Scored))));
  const parts = Object.fromEntries(
    PART_IDS.map((id) => [
      id,
      { before: per((s) => partValue(s.before, id), 0), after: per((s) => partValue(s.after, id), 0) },
    ]),
  ) as Population['parts'];
  const tasks = (withReviews: boolean) =>
    thetas.map((_, i) =>
      runs.flatMap((r) => {
        const s = r.honest[0][i] as Scored;
        return taskScores(withReviews ? s.after : s.before, withReviews);
      }),
    );
  return {
    composite: {
      before: [per((s) => s.before.composite, 0), per((s) => s.before.composite, 1)],
      after: [per((s) => s.after.composite, 0), per((s) => s.after.composite, 1)],
    },
    parts,
    tasks: { before: tasks(false), after: tasks(true) },
  };
}

interface Checks {
  label: string;
  ok: boolean;
}
const checks: Checks[] = [];

function report(
  title: string,
  short: string,
  runs: BundleRun[],
  strategies: { label: string; before: (number | null)[]; after: (number | null)[] }[],
  notes: string[],
) {
  const pop = population(runs);
  console.log(`\n== ${title} ==`);
  const n = thetas.length;
  console.log(`  ${n} honest candidates (θ ~ N(0, 1)), each answering twice; ${strategyCandidates} per strategy.`);
  for (const r of runs)
    console.log(
      `  reviewer agreement, honest critiques (Krippendorff's alpha, ordinal; ${r.reviewers} reviewers, 2–3 a critique)` +
        `${runs.length > 1 ? ` ${r.ex.bundle.id}` : ''}: ${fmt(r.reviewerAlpha)}`,
    );
  console.log('\n  Spearman ρ with skill θ (first attempt)');
  row('', 'before reviews', 'after reviews');
  const rhoComposite = {
    before: rankCorrelation(pop.composite.before[0] as (number | null)[], thetas),
    after: rankCorrelation(pop.composite.after[0] as (number | null)[], thetas),
  };
  row(
    `composite (target ρ ≥ ${TARGET_RHO})`,
    `${fmt(rhoComposite.before.rho)} ${rhoComposite.before.rho >= TARGET_RHO ? '✓' : '✗'}`,
    `${fmt(rhoComposite.after.rho)} ${rhoComposite.after.rho >= TARGET_RHO ? '✓' : '✗'}`,
  );
  checks.push(
    {
      label: `${short}: honest composite ρ with θ before reviews ${fmt(rhoComposite.before.rho)} ≥ ${TARGET_RHO}`,
      ok: rhoComposite.before.rho >= TARGET_RHO,
    },
    {
      label: `${short}: honest composite ρ with θ after reviews ${fmt(rhoComposite.after.rho)} ≥ ${TARGET_RHO}`,
      ok: rhoComposite.after.rho >= TARGET_RHO,
    },
  );
  for (const id of PART_IDS)
    row(
      PART_LABELS[id],
      fmt(rankCorrelation(pop.parts[id].before, thetas).rho),
      fmt(rankCorrelation(pop.parts[id].after, thetas).rho),
    );
  row(
    'test–retest ρ of the composite (attempt 1 vs 2)',
    fmt(
      rankCorrelation(pop.composite.before[0] as (number | null)[], pop.composite.before[1] as (number | null)[]).rho,
    ),
    fmt(rankCorrelation(pop.composite.after[0] as (number | null)[], pop.composite.after[1] as (number | null)[]).rho),
  );
  const alphaBefore = alphaAcross(pop.tasks.before);
  const alphaAfter = alphaAcross(pop.tasks.after);
  row(
    `Cronbach's alpha across the ${alphaBefore.items} tasks (per-task score)`,
    fmt(alphaBefore.alpha),
    fmt(alphaAfter.alpha),
  );

  console.log(
    `\n  Content-free strategies: percentile among honest candidates (median of ${strategyCandidates}, p10–p90;` +
      ` target under ${TARGET_PERCENTILE} before reviews)`,
  );
  row('', 'before reviews', 'after reviews');
  const honestBefore = (pop.composite.before[0] as (number | null)[]).filter((v): v is number => v !== null);
  const honestAfter = (pop.composite.after[0] as (number | null)[]).filter((v): v is number => v !== null);
  for (const s of strategies) {
    const describe = (values: (number | null)[], honest: number[]) => {
      const p = values.filter((v): v is number => v !== null).map((v) => percentileAmong(honest, v));
      if (p.length === 0) return { median: NaN, text: 'n/a' };
      const median = quantile(p, 0.5);
      return { median, text: `${median.toFixed(0)} (${quantile(p, 0.1).toFixed(0)}–${quantile(p, 0.9).toFixed(0)})` };
    };
    const before = describe(s.before, honestBefore);
    const after = describe(s.after, honestAfter);
    const ok = Number.isNaN(before.median) ? null : before.median < TARGET_PERCENTILE;
    row(s.label, `${before.text} ${ok === null ? ' ' : ok ? '✓' : '✗'}`, after.text);
    if (ok !== null)
      checks.push({
        label: `${short}: "${s.label}" at percentile ${before.text} before reviews < ${TARGET_PERCENTILE}`,
        ok,
      });
  }
  for (const note of notes) console.log(`  ${note}`);
}

const runs = exercises.map(runBundle);
for (const run of runs)
  report(
    `${run.ex.bundle.title} (${run.ex.file}, ${run.ex.bundle.tasks.length} tasks)`,
    run.ex.bundle.id,
    [run],
    run.strategies.map((s) => ({ label: s.strategy.label, before: s.before, after: s.after })),
    notApplicable(run.ex.model),
  );

if (runs.length > 1) {
  // Overall: each candidate took every bundle; a strategy counts overall only when it
  // applies to every bundle (copying a repeat does not exist where there is none).
  // One-category strategies are grouped whatever category was the most rewarded in each bundle.
  const groupOf = (s: Strategy) => s.id.split('/')[0] as string;
  const groups = new Map<string, { label: string; outcomes: StrategyOutcome[] }>();
  for (const run of runs)
    for (const o of run.strategies) {
      const id = groupOf(o.strategy);
      const label =
        o.strategy.marks?.kind === 'one-but-first'
          ? o.strategy.label
              .replace(/^mark \S+/, 'mark the best category')
              .replace(/^combo: \S+/, 'combo: best category')
          : o.strategy.label;
      const g = groups.get(id) ?? { label, outcomes: [] };
      // The longest label names every step (", copy" only where a bundle has a repeat).
      if (label.length > g.label.length) g.label = label;
      g.outcomes.push(o);
      groups.set(id, g);
    }
  const partial = [...groups.values()]
    .filter((g) => g.outcomes.length !== runs.length)
    .map((g) => `${g.label}: n/a overall (not playable on every bundle)`);
  const overall = [...groups.values()]
    .filter((g) => g.outcomes.length === runs.length)
    .map((g) => ({
      label: g.label,
      before: Array.from({ length: strategyCandidates }, (_, j) => meanOf(g.outcomes.map((o) => o.before[j] ?? null))),
      after: Array.from({ length: strategyCandidates }, (_, j) => meanOf(g.outcomes.map((o) => o.after[j] ?? null))),
    }));
  report(
    'Overall (every bundle; a candidate’s figure is the mean over the bundles)',
    'overall',
    runs,
    overall,
    partial,
  );
}

const met = checks.filter((c) => c.ok).length;
console.log(`\nTargets (issue 11): ${met} of ${checks.length} met.`);
for (const c of checks) console.log(`  ${c.ok ? '✓' : '✗'} ${c.label}`);
console.log(
  `\nseed ${seed}, ${candidates} candidates × 2 attempts, ${strategyCandidates} per strategy, task spread ${taskSpread}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
