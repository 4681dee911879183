/**
 * Input checks shared by the statistics functions. Malformed input is a bug in the
 * caller, so it throws a `RangeError` naming the argument and position at fault;
 * input that is well-formed but carries no information (too few values, no
 * variation) is not an error and gives `NaN` instead, which callers show as "n/a".
 */

/** Throws unless two paired samples have the same length. */
export function assertSameLength(
  fn: string,
  names: [string, string],
  a: readonly unknown[],
  b: readonly unknown[],
): void {
  if (!Array.isArray(a) || !Array.isArray(b))
    throw new RangeError(`${fn}: ${names[0]} and ${names[1]} must be arrays.`);
  if (a.length !== b.length)
    throw new RangeError(
      `${fn}: ${names[0]} and ${names[1]} must have the same length (found ${a.length} and ${b.length}); ` +
        `the values are paired by position.`,
    );
}

/** Throws unless every entry is a number other than NaN (±Infinity rank as usual). */
export function assertComparableNumbers(fn: string, name: string, values: readonly unknown[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new RangeError(`${fn}: ${name}[${i}] must be a number, not ${describeValue(v)}.`);
  }
}

export function describeValue(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  return typeof v;
}
