/**
 * A workspace for the candidate and review tests: an in-memory store with the
 * minimal fixture bundle, its answer key and simulated signed results from a few
 * candidates, imported the way the app imports them.
 */
import '../team/text-encoder-realm.ts';
import { loadBundleText, type Result } from '../../../src/core/index.ts';
import type { ReviewerMemory } from '../../../src/state/review.svelte.ts';
import { WorkspaceState } from '../../../src/state/workspace.svelte.ts';
import { createMemoryWorkspaceStore, type WorkspaceStore } from '../../../src/storage/index.ts';
import { simulateResult } from '../../../scripts/simulate-result.ts';
import minimalBundle from '../../fixtures/bundles/minimal.json?raw';
import minimalKey from '../../fixtures/keys/minimal.key.json?raw';

export const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson'] as const;

const noTeamKeys = async () => ({ teamKeys: [], decryptionKeys: [] });

let cached: Promise<Result[]> | null = null;

/** Signed results for the minimal bundle; seed 2 (Ada) finds one known issue, misses two, raises two false alarms. */
export function fixtureResults(): Promise<Result[]> {
  cached ??= (async () => {
    const loaded = await loadBundleText(minimalBundle);
    const results: Result[] = [];
    for (const [i, name] of PEOPLE.entries()) {
      const { result } = await simulateResult({
        bundle: loaded.bundle,
        bundleHash: loaded.hash,
        seed: i + 2,
        candidate: { name, email: `${name.split(' ')[0]?.toLowerCase()}@example.org` },
      });
      results.push(result);
    }
    return results;
  })();
  return cached;
}

export async function loadedWorkspace(store: WorkspaceStore = createMemoryWorkspaceStore()) {
  const workspace = new WorkspaceState(store, noTeamKeys);
  await workspace.load();
  await workspace.addSetupFile(new File([minimalBundle], 'minimal.json'));
  await workspace.addSetupFile(new File([minimalKey], 'minimal.key.json'));
  const results = await fixtureResults();
  await workspace.importFiles(results.map((r, i) => new File([JSON.stringify(r)], `result-${i + 1}.json`)));
  if (workspace.error) throw workspace.error;
  return { workspace, store, results };
}

/** A workspace over an existing store, as after a reload. */
export async function reopenedWorkspace(store: WorkspaceStore) {
  const workspace = new WorkspaceState(store, noTeamKeys);
  await workspace.load();
  return workspace;
}

/** localStorage's role, in memory. */
export function memory(value: string | null = null): ReviewerMemory & { value: string | null } {
  return {
    value,
    read() {
      return this.value;
    },
    write(next: string) {
      this.value = next;
    },
  };
}
