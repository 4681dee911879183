/**
 * The workspace side of issue 10's input rules and verification messages: names
 * with control characters shown visibly, a result without an invite warned about
 * when the workspace has a team key, duplicate keys and keys of an unknown version
 * or with no weight refused, naming the path or the format.
 */
import '../team/text-encoder-realm.ts';
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { validateTeamKeyFile } from '../../../src/core/index.ts';
import { WorkspaceState } from '../../../src/state/workspace.svelte.ts';
import { createMemoryWorkspaceStore } from '../../../src/storage/index.ts';
import CandidatePage from '../../../src/ui/workspace/CandidatePage.svelte';
import minimalBundle from '../../fixtures/bundles/minimal.json?raw';
import minimalKey from '../../fixtures/keys/minimal.key.json?raw';
import controlCharacters from '../../fixtures/results/control-characters.json?raw';
import duplicateName from '../../fixtures/results/duplicate-name.json?raw';
import strippedInvite from '../../fixtures/results/stripped-invite.json?raw';
import teamKeyPublic from '../../fixtures/results/team-key.public.json?raw';
import valid from '../../fixtures/results/valid.json?raw';
import { fixture, workspacePage } from './support.ts';

// eslint-disable-next-line no-control-regex -- the raw characters a file must not get through
const RAW = /[\r\u001b\u202e]/;

const file = (text: string, name: string) => new File([text], name, { type: 'application/json' });

async function workspaceWith(teamKeys: boolean) {
  const keys = teamKeys ? [validateTeamKeyFile(JSON.parse(teamKeyPublic)).signing] : [];
  const workspace = new WorkspaceState(createMemoryWorkspaceStore(), async () => ({
    teamKeys: keys,
    decryptionKeys: [],
  }));
  await workspace.load();
  await workspace.addSetupFile(file(minimalBundle, 'minimal.json'));
  await workspace.addSetupFile(file(minimalKey, 'minimal.key.json'));
  if (workspace.error) throw workspace.error;
  return workspace;
}

describe('the workspace reads files by the same rules', () => {
  it('shows a name with control and bidi characters as visible escapes, in the table and on the candidate page', async () => {
    const page = workspacePage();
    await page.user.upload(screen.getByLabelText('Bundle or answer key files'), [
      fixture('minimal.key.json'),
      fixture('minimal.json'),
    ]);
    await screen.findByText('Answer key loaded');
    await page.user.upload(screen.getByLabelText('Result files'), [file(controlCharacters, 'eve.json')]);
    const shown = 'Eve\\r\\x1b[2K\\x1b[32m✓ ok  \\x1b[0m  honest.json \\u202etxt.exe';
    const table = await screen.findByRole('region', { name: 'Candidates table' });
    // (Accessible names collapse runs of spaces: compare the text itself.)
    const link = within(table)
      .getAllByRole('link')
      .find((l) => l.textContent === shown);
    expect(link).toBeDefined();
    expect(table.textContent).not.toMatch(RAW);
    expect(
      within(table)
        .getAllByRole('checkbox')
        .some((c) => c.getAttribute('aria-label') === `Compare ${shown}`),
    ).toBe(true);

    const attemptId = page.workspace.candidates[0]?.attemptId as string;
    const { container } = render(CandidatePage, { workspace: page.workspace, attemptId });
    expect(within(container).getByRole('heading', { level: 1 }).textContent).toBe(shown);
  }, 30_000);

  it('warns about a result without an invite when the workspace has a team key', async () => {
    const withKey = await workspaceWith(true);
    await withKey.importFiles([file(valid, 'valid.json'), file(strippedInvite, 'stripped.json')]);
    const byName = (name: string) => withKey.results.find((r) => r.fileName === name);
    expect(byName('valid.json')?.report.verdict).toBe('ok');
    expect(byName('stripped.json')?.report.verdict).toBe('warn');
    expect(byName('stripped.json')?.report.checks.find((c) => c.id === 'invite')).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/^No invite, although you gave a team key/),
    });
    // Without a team key there is nothing to expect: no invite is no news.
    const without = await workspaceWith(false);
    await without.importFiles([file(strippedInvite, 'stripped.json')]);
    expect(without.results[0]?.report.checks.find((c) => c.id === 'invite')?.status).toBe('skip');
  }, 30_000);

  it('refuses a result with a duplicate key, naming its path', async () => {
    const workspace = await workspaceWith(true);
    await workspace.importFiles([file(duplicateName, 'duplicate-name.json')]);
    expect(workspace.results).toHaveLength(0);
    expect(workspace.importLog[0]).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('$.candidate.name'),
    });
  }, 30_000);

  it('names an answer key of an unknown version as such, and refuses one with no weight', async () => {
    const workspace = await workspaceWith(false);
    const key = JSON.parse(minimalKey) as Record<string, unknown>;
    await workspace.addSetupFile(file(JSON.stringify({ ...key, format: 'assay.key/9' }), 'key9.json'));
    expect((workspace.error as Error).message).toMatch(/answer key uses format "assay\.key\/9" \(version 9\)/);
    expect((workspace.error as Error).message).not.toMatch(/not an Assay bundle/);
    const zero = { ranking: 0, errorIdentification: 0, consistency: 0, critique: 0 };
    await workspace.addSetupFile(file(JSON.stringify({ ...key, weights: zero }), 'zero.key.json'));
    expect(workspace.error).toMatchObject({ code: 'SCHEMA_INVALID', issues: [{ path: '$.weights' }] });
  }, 30_000);
});
