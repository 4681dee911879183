/**
 * The workspace's state lives as long as the tab: opened on the first visit to
 * `#/workspace` (its storage, and the team keys it verifies and decrypts with),
 * then kept, so going to a candidate and back is instant.
 */
import { openTeamStore, openWorkspaceStore, type StorageError } from '../storage/index.ts';
import { WorkspaceState, type TeamKeyMaterial } from './workspace.svelte.ts';

export interface WorkspaceSession {
  workspace: WorkspaceState;
  storageProblem: StorageError | null;
}

let opening: Promise<WorkspaceSession> | null = null;

export function openWorkspaceSession(): Promise<WorkspaceSession> {
  opening ??= (async () => {
    const { store, problem } = await openWorkspaceStore();
    const team = await openTeamStore();
    // Team keys are read at each import, so a key created meanwhile on the team page counts.
    const teamKeys = async (): Promise<TeamKeyMaterial> => {
      const { keys } = await team.store.list();
      return {
        teamKeys: keys.map((k) => k.file.signing),
        decryptionKeys: keys.map((k) => ({ kid: k.file.encryption.kid, privateKey: k.encryption })),
      };
    };
    const workspace = new WorkspaceState(store, teamKeys);
    await workspace.load();
    return { workspace, storageProblem: problem };
  })().catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}
