/**
 * A small seeded PRNG for the validity simulation, so a run is reproducible from
 * its seed. sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator, from
 * PractRand) seeded through a string hash: independent streams for named parts of
 * the simulation (`rng.fork("reviewers")`) whatever order they are used in.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A new generator whose stream depends only on this one's seed and the label. */
  fork(label: string): Rng;
}

/** 32-bit FNV-1a, to turn a seed and a label into generator state. */
function hash(text: string, basis = 0x811c9dc5): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: string | number): Rng {
  const key = String(seed);
  let a = hash(key);
  let b = hash(key, 0x9e3779b9);
  let c = hash(key, 0x85ebca6b);
  let d = 1;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs, which still look like the seed.
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    normal() {
      // 1 − u is in (0, 1], so the logarithm is finite.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
    int: (n) => Math.floor(next() * n),
    fork: (label) => createRng(`${key}/${label}`),
  };
}

export const logistic = (x: number) => 1 / (1 + Math.exp(-x));
