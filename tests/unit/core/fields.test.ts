import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fieldKey, mergeFields, RevisionClock, type FieldPatch } from '../../../src/core/index.ts';

describe('revisioned fields', () => {
  const key = fieldKey.critique('t1', 'a');

  it('keeps the newer revision of each field, whatever order writes arrive in', () => {
    const stored = { [key]: { value: 'newer text', rev: 20 } };
    const { fields, changed } = mergeFields(stored, [{ key, value: 'older text', rev: 10 }]);
    expect(fields[key]?.value).toBe('newer text');
    expect(changed).toBe(false);
    expect(mergeFields(stored, [{ key, value: 'newest', rev: 21 }]).fields[key]?.value).toBe('newest');
  });

  it('keeps the stored value on a tie', () => {
    const stored = { [key]: { value: 'stored', rev: 5 } };
    expect(mergeFields(stored, [{ key, value: 'other', rev: 5 }]).fields[key]?.value).toBe('stored');
  });

  it('an empty state never overwrites saved work', () => {
    const stored = { [key]: { value: 'saved work', rev: 100 } };
    expect(mergeFields(stored, []).fields).toEqual(stored);
  });

  it('converges: any interleaving of the same patches gives the same fields (property)', () => {
    const patch = fc.record({
      key: fc.constantFrom('a', 'b', 'c'),
      value: fc.string(),
      rev: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(patch, { selector: (p) => `${p.key}/${p.rev}` }), (patches: FieldPatch[]) => {
        const forward = patches.reduce((f, p) => mergeFields(f, [p]).fields, {});
        const backward = [...patches].reverse().reduce((f, p) => mergeFields(f, [p]).fields, {});
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('issues strictly increasing revisions even when the clock stalls or steps back', () => {
    let now = 1000;
    const clock = new RevisionClock(0, () => now);
    const a = clock.next();
    const b = clock.next();
    now = 500;
    const c = clock.next();
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    clock.observe(5000);
    expect(clock.next()).toBe(5001);
  });
});
