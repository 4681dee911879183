import type { AttemptSession } from '../../state/attempt-session.svelte.ts';

/**
 * Opens a task (or the review page, -1) at its top, with focus on the main region.
 * Focus and scroll move first, while the old page's layout is still clean: done after
 * the new task is in the DOM, the scroll would force a layout of it on top of the
 * one the next frame does anyway.
 */
export function openTask(session: AttemptSession, index: number): void {
  document.getElementById('main')?.focus({ preventScroll: true });
  scrollTo({ top: 0 });
  session.goTo(index);
}
