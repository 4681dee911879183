export { memoryStore, openCandidateStore, requestPersistentStorage } from './candidate-store.ts';
export type { CandidateStore, OpenedStore, AttemptSnapshot, SaveBatch, StoredKey } from './candidate-store.ts';
export { StorageError, keptInThisTabOnly, storingAgain, toStorageError } from './storage-error.ts';
export type { StorageErrorCode } from './storage-error.ts';
export { DEFAULT_CANDIDATE_DB } from './candidate-db.ts';
export { openTeamStore, createMemoryTeamStore } from './team-store.ts';
export type { TeamStore, OpenedTeamStore } from './team-store.ts';
export { KeyNotStorableError } from './team-key-repository.ts';
export type { TeamKeyList } from './team-key-repository.ts';
export { DEFAULT_TEAM_DB } from './team-db.ts';
export type { StoredTeamKey } from './team-db.ts';
export { openWorkspaceStore, createMemoryWorkspaceStore } from './workspace-store.ts';
export type { WorkspaceStore, OpenedWorkspaceStore, WorkspaceSnapshot } from './workspace-store.ts';
export { DEFAULT_WORKSPACE_DB } from './workspace-db.ts';
export type {
  StoredResult,
  StoredResultReport,
  StoredAnswerKey,
  StoredWorkspaceBundle,
  StoredReviews,
} from './workspace-db.ts';
