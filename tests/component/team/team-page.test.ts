import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { bundleInput } from '../../helpers/factories.ts';
import { readInvite } from '../../../src/core/index.ts';
import { InviteForm } from '../../../src/state/invite-form.svelte.ts';
import TeamWorkspace from '../../../src/ui/team/TeamWorkspace.svelte';
import { PASSPHRASE, teamState } from './support.ts';

async function page() {
  const session = await teamState();
  const form = new InviteForm({ appUrl: 'https://assay.example.org/app/#/team' });
  render(TeamWorkspace, { team: session.team, form });
  return { ...session, form, user: userEvent.setup() };
}

describe('the team page', () => {
  it('creates a key from the form, then warns until the backup is downloaded', async () => {
    const { user, downloads, team } = await page();
    expect(screen.getByRole('heading', { level: 1, name: 'Team key and invites' })).toBeVisible();
    const create = screen.getByRole('region', { name: 'Create a team key' });
    await user.type(within(create).getByLabelText('Key name'), 'Acme data team');
    await user.type(within(create).getByLabelText('Passphrase'), 'short');
    expect(within(create).getByText(/Too short/)).toBeVisible();
    await user.type(within(create).getByLabelText('Passphrase'), ' but now long enough');
    await user.type(within(create).getByLabelText('Passphrase again'), 'something else');
    await user.click(within(create).getByRole('button', { name: 'Create the team key' }));
    expect(within(create).getByRole('alert')).toHaveTextContent('The two passphrases do not match.');
    expect(team.keys).toEqual([]);

    await user.clear(within(create).getByLabelText('Passphrase again'));
    await user.type(within(create).getByLabelText('Passphrase again'), 'short but now long enough');
    await user.click(within(create).getByRole('button', { name: 'Create the team key' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Team key “Acme data team”' })).toHaveFocus(), {
      timeout: 20_000,
    });
    expect(screen.getByText(/Your team key is ready/)).toHaveAttribute('role', 'status');
    const banner = screen.getByText(/is not backed up/).closest('[role="alert"]') as HTMLElement;
    expect(banner).toHaveTextContent('“Acme data team” is not backed up.');
    // The passphrase is never shown.
    expect(document.body.textContent).not.toContain('long enough');

    await user.click(screen.getByRole('button', { name: 'Download the backup' }));
    expect(downloads.map((d) => d.filename)).toEqual(['assay-team-key-backup_Acme-data-team.json']);
    expect(screen.queryByText(/is not backed up/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Download the public key' }));
    expect(downloads[1]?.filename).toBe('assay-team-key_Acme-data-team.json');
  }, 60_000);

  it('deletes a key only when its name is typed', async () => {
    const { user, team } = await page();
    await team.create('Acme', PASSPHRASE);
    await user.click(await screen.findByRole('button', { name: 'Delete this key…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the team key “Acme”?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete the key' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/Type the key’s name/), 'Acm');
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/Type the key’s name/), 'e');
    await user.click(confirm);
    await waitFor(() => expect(team.keys).toEqual([]));
    expect(screen.getByRole('region', { name: 'Create a team key' })).toBeVisible();
  }, 60_000);

  it('mints invites from a pasted list, listing unreadable lines first', async () => {
    const { user, team, form } = await page();
    await team.create('Acme', PASSPHRASE);
    const bundle = new File([JSON.stringify(bundleInput({ timeLimitMinutes: 40 }))], 'bundle.json', {
      type: 'application/json',
    });
    await user.upload(await screen.findByLabelText('Bundle file', { selector: 'input' }), bundle);
    await screen.findByText('Factory bundle');
    expect(screen.getByLabelText('Time allowed (minutes)')).toHaveValue(40);

    const people = screen.getByLabelText('One person per line');
    await user.type(people, 'Ada Lovelace <ada@example.org>{enter}Bob <bob@nowhere>{enter}grace@example.org');
    expect(screen.getByText(/Line 2: “bob@nowhere” is not an email address/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: /Mint 2 invite links/ }));
    const problems = screen.getByText('Fix these first:').closest('[role="alert"]') as HTMLElement;
    expect(problems).toHaveTextContent('Give the bundle address candidates will load it from.');
    expect(problems).toHaveTextContent('1 line of the list could not be read');
    expect(team.invites).toEqual([]);

    await user.type(screen.getByLabelText('Bundle address candidates load it from'), 'https://cdn.example.org/b.json');
    await user.clear(people);
    await user.type(people, 'Ada Lovelace <ada@example.org>{enter}grace@example.org');
    await user.clear(screen.getByLabelText('Extra time (%)'));
    await user.type(screen.getByLabelText('Extra time (%)'), '25');
    await user.click(screen.getByRole('button', { name: /Mint 2 invite links/ }));
    const table = await screen.findByRole('table', { name: '2 invite links' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual(['Ada Lovelace', '—']);
    const claims = team.invites.map((i) => readInvite(i.token));
    expect(claims.map((c) => [c.sub, c.dur])).toEqual([
      ['ada@example.org', 50],
      ['grace@example.org', 50],
    ]);
    expect(claims[0]?.bundle).toBe(form.bundle?.hash);
    expect(within(rows[0] as HTMLElement).getByRole('link')).toHaveAttribute('href', team.invites[0]?.link);
    expect(within(table).getByRole('button', { name: 'Copy the link for Ada Lovelace' })).toBeVisible();
  }, 60_000);
});
