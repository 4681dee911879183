/**
 * A long import stores and shows its results as it goes (about 1 s in, then half as
 * late again each time), scores each result once, and scores again only what a new
 * key or new grades change.
 */
import '../team/text-encoder-realm.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceState } from '../../../src/state/workspace.svelte.ts';
import { createMemoryWorkspaceStore, type StoredResult } from '../../../src/storage/index.ts';
import minimalBundle from '../../fixtures/bundles/minimal.json?raw';
import minimalKey from '../../fixtures/keys/minimal.key.json?raw';
import { fixtureResults, loadedWorkspace, PEOPLE } from '../workspace/review-support.ts';

afterEach(() => vi.restoreAllMocks());

describe('WorkspaceState.importFiles', () => {
  it('stores and shows the results in batches while the import runs', async () => {
    // A clock that moves 600 ms each time a file is read: a slow import, without waiting for it.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const store = createMemoryWorkspaceStore();
    const batches: { stored: number; shownBefore: number }[] = [];
    const workspace = new WorkspaceState(
      {
        ...store,
        persistent: false,
        addResults: async (rows: StoredResult[]) => {
          batches.push({ stored: rows.length, shownBefore: workspace.results.length });
          return store.addResults(rows);
        },
      },
      async () => ({ teamKeys: [], decryptionKeys: [] }),
    );
    await workspace.load();
    await workspace.addSetupFile(new File([minimalBundle], 'minimal.json'));
    await workspace.addSetupFile(new File([minimalKey], 'minimal.key.json'));
    const results = await fixtureResults();
    const files = [...results, ...results.slice(0, 2)].map((r, i) => {
      // Six files: the last two are the first two again under other names.
      const file = new File([JSON.stringify(r)], `result-${i + 1}.json`);
      const read = file.arrayBuffer.bind(file);
      file.arrayBuffer = () => {
        now += 600;
        return read();
      };
      return file;
    });
    await workspace.importFiles(files);
    expect(workspace.error).toBeNull();
    // 1.2 s in (past 1 s): two files; 3 s in (1.8 s later, past 1.5 s): two more; the duplicates add none.
    expect(batches).toEqual([
      { stored: 2, shownBefore: 0 },
      { stored: 2, shownBefore: 2 },
    ]);
    expect(workspace.results).toHaveLength(4);
    expect(workspace.importLog.map((e) => e.status)).toEqual([
      'added',
      'added',
      'added',
      'added',
      'duplicate',
      'duplicate',
    ]);
    expect(workspace.candidates.map((c) => c.row.name).sort()).toEqual([...PEOPLE].sort());
    expect(workspace.candidates.every((c) => c.score !== null)).toBe(true);
  });

  it('scores again when grades come in, and only then', async () => {
    const { workspace, results } = await loadedWorkspace();
    const ada = results[0];
    if (!ada) throw new Error('no result');
    const before = workspace.candidates.find((c) => c.attemptId === ada.attemptId);
    expect(before?.row.reviewScore).toBeNull();
    // Nothing that scores depend on changed: the same score objects.
    workspace.search = 'a';
    workspace.search = '';
    expect(workspace.candidates.find((c) => c.attemptId === ada.attemptId)?.score).toBe(before?.score);

    const task = ada.tasks[0];
    const output = task?.outputs[0];
    if (!task || !output) throw new Error('no task');
    await workspace.putReviews({
      format: 'assay.reviews/1',
      reviewer: { id: 'reviewer-0001', name: 'Ann' },
      bundleSha256: ada.bundle.sha256,
      rubric: [{ id: 'specific', label: 'Specific', description: '' }],
      grades: [
        {
          attemptId: ada.attemptId,
          taskId: task.taskId,
          outputId: output.outputId,
          scores: { specific: 3 },
          gradedAt: '2026-11-26T10:00:00.000Z',
        },
      ],
      exportedAt: '2026-11-26T10:00:00.000Z',
    });
    const after = workspace.candidates.find((c) => c.attemptId === ada.attemptId);
    expect(after?.row.reviewScore).toBe(3);
    expect(after?.score).not.toBe(before?.score);
  });
});
