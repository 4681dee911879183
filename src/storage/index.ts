export { openCandidateStore, requestPersistentStorage } from './candidate-store.ts';
export type { CandidateStore, OpenedStore, AttemptSnapshot, SaveBatch } from './candidate-store.ts';
export { StorageError, toStorageError } from './storage-error.ts';
export type { StorageErrorCode } from './storage-error.ts';
export { DEFAULT_CANDIDATE_DB } from './candidate-db.ts';
