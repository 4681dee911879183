import type { Component } from 'svelte';
import type { AttemptSession } from '../../state/attempt-session.svelte.ts';
import { loadAttemptCrypto, loadExerciseState, type TakeController } from '../../state/take-controller.svelte.ts';

type AttemptViewComponent = Component<{ take: TakeController; session: AttemptSession }>;
let pending: Promise<AttemptViewComponent> | null = null;

/**
 * The exercise screens, as a separate chunk. Called when the candidate starts
 * filling in the start form, so that everything the exercise needs is in the
 * browser before the timer starts (and still there if the network then drops).
 */
export function loadAttemptView(): Promise<AttemptViewComponent> {
  pending ??= Promise.all([import('../attempt/AttemptView.svelte'), loadExerciseState(), loadAttemptCrypto()])
    .then(([module]) => module.default)
    .catch((error: unknown) => {
      pending = null;
      throw error;
    });
  return pending;
}
