/**
 * Take-home copies: one HTML file with the app and an exercise (and maybe one
 * person's invite) inside, for candidates who work from a file on disk.
 */
import {
  inviteTokenFromText,
  inviteWindow,
  makeTakeHomeHtml,
  readInvite,
  type InviteClaims,
  type LoadedBundle,
} from '../core/index.ts';
import { downloadText, slug } from '../lib/download.ts';
import { fetchTakeHomeTemplate } from '../lib/take-home-template.ts';
import { BundleChoice } from './bundle-choice.svelte.ts';

export interface TakeHomeFile {
  name: string;
  html: string;
  /** Whom the invite inside names, if any. */
  person: string | null;
}

export interface ReadInvite {
  token: string;
  claims: InviteClaims;
}

/** The file for `bundle`, with `invite` inside when given. */
export async function makeTakeHomeFile(bundle: LoadedBundle, invite?: ReadInvite | null): Promise<TakeHomeFile> {
  const template = await fetchTakeHomeTemplate();
  const html = makeTakeHomeHtml(template, {
    bundle: bundle.document,
    ...(invite ? { invite: invite.token } : {}),
  });
  const person = invite ? (invite.claims.name ?? invite.claims.email ?? invite.claims.sub) : null;
  const base = [slug(bundle.bundle.id), person ? slug(person) : ''].filter(Boolean).join('_');
  return { name: `${base}_take-home.html`, html, person };
}

/** An invite pasted for a bundle: its token and claims, or why it cannot be used. */
export function checkInviteFor(
  text: string,
  bundle: LoadedBundle | null,
  nowSeconds: number,
): ReadInvite | { problem: string } | null {
  let token: string | null;
  let claims: InviteClaims;
  try {
    token = inviteTokenFromText(text);
    if (!token) return null;
    claims = readInvite(token);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  if (bundle && claims.bundle !== bundle.hash)
    return {
      problem: `This invite is for another bundle (SHA-256 ${claims.bundle.slice(0, 12)}…), not “${bundle.bundle.title}” (${bundle.hash.slice(0, 12)}…).`,
    };
  const window = inviteWindow(claims, nowSeconds);
  if (!window.ok && nowSeconds > claims.exp) return { problem: window.message };
  return { token, claims };
}

export class TakeHomeForm extends BundleChoice {
  inviteText = $state('');
  busy = $state(false);
  error = $state.raw<unknown>(null);
  /** The last file made: its name and size, for the page to confirm. */
  made = $state.raw<{ name: string; bytes: number; forPerson: string | null } | null>(null);

  readonly invite = $derived(checkInviteFor(this.inviteText, this.bundle, Math.floor(Date.now() / 1000)));

  #download: (name: string, text: string, type?: string) => void;

  constructor(download: (name: string, text: string, type?: string) => void = downloadText) {
    super();
    this.#download = download;
  }

  protected override bundleLoaded(): void {
    this.made = null;
  }

  async download(): Promise<void> {
    const bundle = this.bundle;
    const invite = this.invite;
    if (!bundle || this.busy || (invite && 'problem' in invite)) return;
    this.busy = true;
    this.error = null;
    this.made = null;
    try {
      const file = await makeTakeHomeFile(bundle, invite);
      this.#download(file.name, file.html, 'text/html');
      this.made = {
        name: file.name,
        bytes: new TextEncoder().encode(file.html).length,
        forPerson: file.person,
      };
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}
