/**
 * The workspace page on an in-memory workspace store, recording downloads instead
 * of saving them, and the golden fixtures as `File`s.
 */
import '../team/text-encoder-realm.ts';
import { render } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { loadBundleText } from '../../../src/core/index.ts';
import { WorkspaceState } from '../../../src/state/workspace.svelte.ts';
import { createMemoryWorkspaceStore } from '../../../src/storage/index.ts';
import WorkspaceHome from '../../../src/ui/workspace/WorkspaceHome.svelte';
import { simulateResult } from '../../../scripts/simulate-result.ts';
import minimalBundle from '../../fixtures/bundles/minimal.json?raw';
import minimalKey from '../../fixtures/keys/minimal.key.json?raw';
import expiredInvite from '../../fixtures/results/expired-invite.json?raw';
import forgedInvite from '../../fixtures/results/forged-invite.json?raw';
import tamperedAnswer from '../../fixtures/results/tampered-answer.json?raw';
import truncated from '../../fixtures/results/truncated.json?raw';
import valid from '../../fixtures/results/valid.json?raw';

export const FIXTURES = {
  'minimal.json': minimalBundle,
  'minimal.key.json': minimalKey,
  'valid.json': valid,
  'tampered-answer.json': tamperedAnswer,
  'truncated.json': truncated,
  'expired-invite.json': expiredInvite,
  'forged-invite.json': forgedInvite,
} as const;

export function fixture(name: keyof typeof FIXTURES, as: string = name): File {
  return new File([FIXTURES[name]], as, { type: 'application/json' });
}

export interface Downloaded {
  filename: string;
  text: string;
  type: string | undefined;
}

export function workspacePage() {
  const workspace = new WorkspaceState(createMemoryWorkspaceStore(), async () => ({
    teamKeys: [],
    decryptionKeys: [],
  }));
  const downloads: Downloaded[] = [];
  render(WorkspaceHome, {
    workspace,
    download: (filename: string, text: string, type?: string) => downloads.push({ filename, text, type }),
  });
  return { workspace, downloads, user: userEvent.setup() };
}

/** A signed result for the minimal bundle from a candidate of the given name (a hostile one, say). */
export async function resultFile(name: string, fileName: string, seed = 1): Promise<File> {
  const loaded = await loadBundleText(minimalBundle);
  const { result } = await simulateResult({
    bundle: loaded.bundle,
    bundleHash: loaded.hash,
    candidate: { name, email: `${seed}@example.org` },
    seed,
    minutes: 20,
  });
  return new File([JSON.stringify(result)], fileName, { type: 'application/json' });
}
