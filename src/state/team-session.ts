/**
 * The team page's state lives as long as the tab, not as long as the page on
 * screen: leaving `#/team` and coming back (or a Back that was cancelled) finds
 * the same keys, invites and form. Opened on the first visit to `#/team`.
 */
import { openTeamStore } from '../storage/index.ts';
import { InviteForm } from './invite-form.svelte.ts';
import { guardLeavingTeam } from './team-leave-guard.ts';
import { TeamState } from './team.svelte.ts';

export interface TeamSession {
  team: TeamState;
  form: InviteForm;
}

let opening: Promise<TeamSession> | null = null;

export function openTeamSession(): Promise<TeamSession> {
  opening ??= (async () => {
    const { store, problem } = await openTeamStore();
    const team = new TeamState({ store, storageProblem: problem });
    await team.load();
    guardLeavingTeam({ shouldWarn: () => team.needsBackup });
    return { team, form: new InviteForm({ appUrl: location.href }) };
  })().catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}
