/**
 * Test factories: small valid documents built in code, so each test states only
 * what it changes.
 */
import type { AttemptRecord, BundleInput } from '../../src/core/index.ts';

export function bundleInput(overrides: Partial<BundleInput> = {}): BundleInput {
  return {
    format: 'assay.bundle/1',
    id: 'factory-bundle',
    version: '1.0.0',
    title: 'Factory bundle',
    domain: 'Testing',
    instructions: 'Rank and critique.',
    timeLimitMinutes: 30,
    timePolicy: 'soft',
    tasks: [
      {
        id: 't1',
        title: 'First task',
        prompt: 'Say hello.',
        outputs: [
          { id: 'a', content: 'Hello!' },
          { id: 'b', content: 'Goodbye.' },
          { id: 'c', content: 'Hi there.' },
        ],
        requirements: { critiqueMinLength: 10 },
      },
      {
        id: 't2',
        title: 'Second task',
        prompt: 'Add 2 and 2.',
        outputs: [
          { id: 'x', content: '4' },
          { id: 'y', content: '5' },
        ],
      },
    ],
    ...overrides,
  };
}

export function attemptRecord(overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    id: 'attempt-0001',
    bundleHash: 'a'.repeat(64),
    bundleId: 'factory-bundle',
    bundleVersion: '1.0.0',
    candidate: { name: 'Ada Lovelace', email: 'ada@example.org' },
    startedAt: Date.UTC(2026, 10, 26, 9, 0, 0),
    timeLimitMinutes: 30,
    timePolicy: 'soft',
    shownOrder: { t1: ['a', 'b', 'c'], t2: ['x', 'y'] },
    status: 'in-progress',
    submittedAt: null,
    autoSubmitted: false,
    fields: {},
    nextSeq: 0,
    lastTMono: 0,
    updatedAt: Date.UTC(2026, 10, 26, 9, 0, 0),
    inviteToken: null,
    inviteJti: null,
    keyStorage: 'indexeddb',
    ...overrides,
  };
}
