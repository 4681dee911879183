// One setup file for component and storage tests: a real IndexedDB implementation
// in memory (fake-indexeddb) and the DOM matchers.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';

// jsdom has <dialog> but not its modal methods; Chromium (end-to-end tests) has the real ones.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}
