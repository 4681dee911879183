import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateReviews } from '../../../src/core/index.ts';
import { REVIEWER_STORAGE_KEY, ReviewState } from '../../../src/state/review.svelte.ts';
import { loadedWorkspace, memory, PEOPLE, reopenedWorkspace } from '../workspace/review-support.ts';

const reviewerA = () => memory(JSON.stringify({ id: 'reviewer-aaaa-0001', name: 'Ann' }));
const reviewerB = () => memory(JSON.stringify({ id: 'reviewer-bbbb-0002', name: 'Ben' }));
const order = (review: ReviewState) => review.items.map((i) => i.key);
const aliases = (review: ReviewState) => Object.fromEntries(review.items.map((i) => [i.candidateName, i.alias]));

afterEach(() => vi.useRealTimers());

describe('ReviewState', () => {
  it('remembers the reviewer with a random id, and keeps the id for the same name', async () => {
    const { workspace } = await loadedWorkspace();
    const mem = memory();
    const review = new ReviewState(workspace, { memory: mem });
    expect(review.reviewer).toBeNull();
    await review.setReviewer('  Ann Example ');
    expect(review.reviewer?.name).toBe('Ann Example');
    const stored = JSON.parse(mem.value ?? '{}') as { id: string; name: string };
    expect(stored).toEqual({ id: review.reviewer?.id, name: 'Ann Example' });
    expect(stored.id.length).toBeGreaterThanOrEqual(8);
    expect(REVIEWER_STORAGE_KEY).toBe('assay:reviewer');
    await review.setReviewer('Ann Example');
    expect(review.reviewer?.id).toBe(stored.id);
    await review.setReviewer('Someone Else');
    expect(review.reviewer?.id).not.toBe(stored.id);
  });

  it('hides names in blind mode, in an order that is stable for a reviewer and differs between reviewers', async () => {
    const { workspace } = await loadedWorkspace();
    const a1 = new ReviewState(workspace, { memory: reviewerA() });
    const a2 = new ReviewState(workspace, { memory: reviewerA() });
    const b = new ReviewState(workspace, { memory: reviewerB() });
    expect(a1.blind).toBe(true);
    expect(a1.items).toHaveLength(PEOPLE.length * 5);
    // Stable across reloads: the same reviewer id gives the same order and the same aliases.
    expect(order(a2)).toEqual(order(a1));
    expect(aliases(a2)).toEqual(aliases(a1));
    // Another reviewer: another order.
    expect(order(b)).not.toEqual(order(a1));
    expect(new Set(Object.values(aliases(a1)))).toEqual(
      new Set(['Candidate 1', 'Candidate 2', 'Candidate 3', 'Candidate 4']),
    );
    // Task by task: every critique of task 1 before any of task 2.
    const tasks = a1.items.map((i) => i.taskId);
    expect(tasks.lastIndexOf('capital')).toBeLessThan(tasks.indexOf('sum'));
    // Blind off: by name, and the critique on screen stays the same.
    a1.go(7);
    const current = a1.current?.key;
    a1.setBlind(false);
    expect(a1.current?.key).toBe(current);
    expect(a1.items.slice(0, 3).map((i) => i.candidateName)).toEqual(['Ada Lovelace', 'Ada Lovelace', 'Ada Lovelace']);
  });

  it('grades with the number keys, moving to the next criterion, and moves between critiques', async () => {
    const { workspace } = await loadedWorkspace();
    const review = new ReviewState(workspace, { memory: reviewerA(), debounceMs: 10_000 });
    const first = review.current?.key as string;
    expect(review.criterion).toBe(0);
    expect(review.handleKey('3')).toBe(true);
    expect(review.gradeOf(first, 'specific')).toBe(3);
    expect(review.criterion).toBe(1);
    review.handleKey('4');
    expect(review.gradeOf(first, 'correct')).toBe(4);
    expect(review.criterion).toBe(2);
    // The criterion named (where focus is) wins over the current one.
    review.handleKey('1', 'specific');
    expect(review.gradeOf(first, 'specific')).toBe(1);
    expect(review.criterion).toBe(1);
    review.handleKey('2', 'actionable');
    expect(review.isComplete(first)).toBe(true);
    expect(review.gradedCount).toBe(1);
    // Complete, but still on screen until the reviewer moves on.
    expect(review.current?.key).toBe(first);
    expect(review.handleKey('k')).toBe(true);
    expect(review.position).toBe(1);
    expect(review.criterion).toBe(0);
    review.handleKey('ArrowRight');
    expect(review.position).toBe(2);
    review.handleKey('j');
    review.handleKey('ArrowLeft');
    expect(review.position).toBe(0);
    expect(review.handleKey('5')).toBe(false);
    expect(review.handleKey('x')).toBe(false);
    expect(review.status).toBe('pending');
    await review.flush();
  });

  it('saves the grades through the workspace, debounced, and finds them again after a reload', async () => {
    vi.useFakeTimers();
    const { workspace, store } = await loadedWorkspace();
    const mem = reviewerA();
    const review = new ReviewState(workspace, { memory: mem, debounceMs: 500 });
    const put = vi.spyOn(workspace, 'putReviews');
    review.setGrade('specific', 2);
    review.setGrade('correct', 3);
    review.setNote('Quotes nothing.');
    expect(review.status).toBe('pending');
    expect(put).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(put).toHaveBeenCalledTimes(1);
    expect(review.status).toBe('saved');
    const saved = workspace.reviews.find((r) => r.reviewer.id === 'reviewer-aaaa-0001');
    expect(saved?.grades).toHaveLength(1);
    expect(saved?.grades[0]).toMatchObject({ scores: { specific: 2, correct: 3 }, note: 'Quotes nothing.' });
    vi.useRealTimers();

    const reopened = await reopenedWorkspace(store);
    const again = new ReviewState(reopened, { memory: mem });
    const key = review.current?.key as string;
    expect(again.gradeOf(key, 'specific')).toBe(2);
    expect(again.grades.get(key)?.note).toBe('Quotes nothing.');
    // Resumes at the first critique not fully graded: that one.
    expect(again.current?.key).toBe(key);
  });

  it('keeps a reviewer’s grades of one bundle when they grade another', async () => {
    const { workspace } = await loadedWorkspace();
    const review = new ReviewState(workspace, { memory: reviewerA() });
    review.setGrade('specific', 4);
    await review.flush();
    const document = review.document();
    if (!document) throw new Error('no document');
    await workspace.putReviews({ ...document, bundleSha256: 'f'.repeat(64) });
    expect(workspace.reviews.filter((r) => r.reviewer.id === 'reviewer-aaaa-0001')).toHaveLength(2);
  });

  it('exports an assay.reviews/1 file, and imports another reviewer’s to measure agreement', async () => {
    const { workspace } = await loadedWorkspace();
    const ann = new ReviewState(workspace, { memory: reviewerA() });
    for (let i = 0; i < ann.items.length; i++) {
      ann.go(i);
      for (const c of ann.rubric) ann.setGrade(c.id, 3);
    }
    const file = await ann.exportFile();
    expect(file?.filename).toBe('assay-reviews_fixture-minimal_ann.json');
    const document = validateReviews(JSON.parse(file?.text ?? ''));
    expect(document.reviewer).toEqual({ id: 'reviewer-aaaa-0001', name: 'Ann' });
    expect(document.grades).toHaveLength(20);
    expect(document.rubric.map((c) => c.id)).toEqual(['specific', 'correct', 'actionable']);
    expect(ann.agreement.alpha).toBeNull();

    // Ben, elsewhere, grades 1 where Ann gave 3 on half the critiques.
    const { workspace: elsewhere } = await loadedWorkspace();
    const ben = new ReviewState(elsewhere, { memory: reviewerB() });
    for (let i = 0; i < ben.items.length; i++) {
      ben.go(i);
      for (const c of ben.rubric) ben.setGrade(c.id, i % 2 === 0 ? 1 : 3);
    }
    const benFile = await ben.exportFile();
    const log = await ann.importFiles([
      new File([benFile?.text ?? ''], benFile?.filename ?? 'ben.json'),
      new File(['{"format":"assay.reviews/1"}'], 'broken.json'),
    ]);
    expect(log.map((l) => l.ok)).toEqual([true, false]);
    expect(log[0]?.message).toBe('Grades by Ben imported (20 critiques).');
    expect(ann.agreement.reviewers).toEqual(['Ann', 'Ben']);
    expect(ann.agreement.pairableUnits).toBe(60);
    expect(ann.adjudication).toHaveLength(10);
    expect(ann.adjudication[0]?.criteria).toHaveLength(3);
    expect(ann.adjudication[0]?.item?.alias).toMatch(/^Candidate \d$/);
    // Ann's own grades are still hers after the import.
    expect(ann.gradedCount).toBe(20);
  });
});
