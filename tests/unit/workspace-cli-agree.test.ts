/**
 * The app's workspace and `assay score` must print the same numbers for the same
 * files: results for the math sample are imported into the workspace state (as the
 * app does) and scored on the command line, and every column is compared.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, formatCell, loadBundleText, type CandidateRow } from '../../src/core/index.ts';
import { WorkspaceState } from '../../src/state/workspace.svelte.ts';
import { createMemoryWorkspaceStore } from '../../src/storage/index.ts';
import { simulateResult } from '../../scripts/simulate-result.ts';

const run = promisify(execFile);

describe('workspace (app) and assay score (CLI) agree', () => {
  it('gives the same row for every candidate', { timeout: 60_000 }, async () => {
    const bundleText = readFileSync('exercises/math-science-reasoning.json', 'utf8');
    const keyText = readFileSync('exercises/keys/math-science-reasoning.key.json', 'utf8');
    const loaded = await loadBundleText(bundleText);
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-agree-'));
    const files: File[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const { result } = await simulateResult({
        bundle: loaded.bundle,
        bundleHash: loaded.hash,
        seed,
        minutes: 30 + seed,
      });
      const text = `${JSON.stringify(result, null, 2)}\n`;
      writeFileSync(path.join(dir, `r${seed}.json`), text);
      files.push(new File([text], `r${seed}.json`));
    }

    const workspace = new WorkspaceState(createMemoryWorkspaceStore(), async () => ({
      teamKeys: [],
      decryptionKeys: [],
    }));
    await workspace.load();
    await workspace.addSetupFile(new File([bundleText], 'bundle.json'));
    await workspace.addSetupFile(new File([keyText], 'key.json'));
    await workspace.importFiles(files);
    expect(workspace.error).toBeNull();
    const app = new Map(workspace.candidates.map((c) => [c.attemptId, c.row]));
    expect(app.size).toBe(6);

    const { stdout } = await run('node', [
      'bin/assay.js',
      'score',
      '--key',
      'exercises/keys/math-science-reasoning.key.json',
      '--bundle',
      'exercises/math-science-reasoning.json',
      '--json',
      dir,
    ]);
    const cli = JSON.parse(stdout) as CandidateRow[];
    expect(cli).toHaveLength(6);
    for (const row of cli) {
      const mine = app.get(row.attemptId);
      expect(mine, row.attemptId).toBeDefined();
      // Every CSV column, formatted the same way, is the same.
      for (const column of CSV_COLUMNS) expect(formatCell(row, column), column.header).toBe(formatCell(mine!, column));
      expect(row.composite).toBeCloseTo(mine!.composite as number, 12);
    }
    // The integrity verdict differs only by what each side could check (no team key given to either).
    expect(cli.every((r) => r.verdict === 'warn' || r.verdict === 'ok')).toBe(true);
  });
});
