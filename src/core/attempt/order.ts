/**
 * Per-attempt output order. When a bundle asks for shuffling, each attempt gets its
 * own order, derived from the attempt id so that it is fixed for the attempt and
 * reproducible by anyone holding the result file.
 */
export function shownOrder(outputIds: readonly string[], shuffle: boolean, seed: string): string[] {
  const order = [...outputIds];
  if (!shuffle) return order;
  const random = mulberry32(fnv1a(seed));
  // Fisher–Yates.
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  return order;
}

/** "A", "B", … "J" for the outputs in the order shown. */
export function outputLabels(order: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  order.forEach((id, i) => (labels[id] = String.fromCharCode(65 + i)));
  return labels;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
