// Agreement and rank-correlation statistics for scoring candidates. Pure functions:
// malformed input throws a RangeError; input that carries no information gives NaN.
export { kendallTauB } from './kendall-tau-b.ts';
export { spearmanRho } from './spearman-rho.ts';
export { cohenKappa } from './cohen-kappa.ts';
export { fleissKappa } from './fleiss-kappa.ts';
export { krippendorffAlpha } from './krippendorff-alpha.ts';
export type { KrippendorffLevel } from './krippendorff-alpha.ts';
export { cronbachAlpha } from './cronbach-alpha.ts';
