// One setup file for component and storage tests: a real IndexedDB implementation
// in memory (fake-indexeddb) and the DOM matchers.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
