/** A team state on a fresh IndexedDB (fake-indexeddb) that records downloads instead of saving them. */
import './text-encoder-realm.ts';
import { TeamState } from '../../../src/state/team.svelte.ts';
import { openTeamStore } from '../../../src/storage/index.ts';

export const PASSPHRASE = 'correct horse battery staple';

export interface Downloaded {
  filename: string;
  text: string;
  type: string | undefined;
}

let counter = 0;

export async function teamState(dbName = `test-team-${Date.now()}-${counter++}`) {
  const { store } = await openTeamStore(dbName);
  const downloads: Downloaded[] = [];
  const team = new TeamState({ store, download: (filename, text, type) => downloads.push({ filename, text, type }) });
  await team.load();
  return { team, store, downloads, dbName };
}
