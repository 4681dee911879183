import * as z from 'zod/mini';

/**
 * A zod check that an array names each thing once, reporting each repeat at its
 * exact path: `field` is the member that names an object (`id`, `taskId`), or
 * null for an array of strings. Shared by every format's schema.
 */
export function uniqueBy<T>(field: string | null, message: (value: string, first: number) => string) {
  return z.superRefine<T[]>((items, ctx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const value = field === null ? (item as string) : String((item as Record<string, unknown>)[field]);
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else
        ctx.addIssue({
          code: 'custom',
          message: message(value, first),
          input: value,
          path: field === null ? [index] : [index, field],
        });
    });
  });
}
