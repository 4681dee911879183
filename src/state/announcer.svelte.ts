/**
 * Messages for screen readers, read out politely by the one live region in the
 * status bar. The same text twice in a row is still announced (a counter makes it new).
 */
export class Announcer {
  message = $state('');
  #count = 0;

  say(text: string): void {
    this.#count++;
    // A zero-width joiner toggled on repeats makes the live region see a change.
    this.message = this.#count % 2 === 0 ? `${text}\u200d` : text;
  }
}
