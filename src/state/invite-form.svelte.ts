/**
 * The "mint invite links" form: the bundle, where candidates will load it from,
 * the app's address, the validity window, the time allowed and the list of
 * people. It reads the bundle and the people's list, and turns the fields into a
 * MintRequest, or into the list of what to fix first.
 */
import {
  AssayError,
  inviteDuration,
  MAX_INVITE_MINUTES,
  parseCandidateList,
  type CandidateList,
  type LoadedBundle,
} from '../core/index.ts';
import { readTextFile } from '../lib/read-file.ts';
import { BundleChoice } from './bundle-choice.svelte.ts';
import type { MintRequest } from './team.svelte.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface InviteFormDefaults {
  /** This page's address without the hash. */
  appUrl: string;
  now?: Date;
}

export class InviteForm extends BundleChoice {
  src = $state('');
  appUrl = $state('');
  validFrom = $state('');
  validUntil = $state('');
  minutes = $state<number | null>(null);
  extraTimePercent = $state<number | null>(0);
  encrypt = $state(true);
  candidatesText = $state('');
  candidatesFile = $state<string | null>(null);
  candidatesError = $state.raw<unknown>(null);

  readonly candidateList: CandidateList = $derived(parseCandidateList(this.candidatesText));
  readonly problems: string[] = $derived(this.#problems());

  constructor(defaults: InviteFormDefaults) {
    super();
    const now = defaults.now ?? new Date();
    this.appUrl = defaults.appUrl.split('#')[0] ?? '';
    this.validFrom = toLocalInput(now);
    this.validUntil = toLocalInput(new Date(now.getTime() + WEEK_MS));
  }

  /** A newly loaded bundle sets the time allowed, and becomes the links' `src` when it came from an address (unless another was typed). */
  protected override bundleLoaded(loaded: LoadedBundle, address: string | null, previousOrigin: string): void {
    this.minutes = loaded.bundle.timeLimitMinutes;
    if (address && (this.src.trim() === '' || this.src === previousOrigin)) this.src = address;
  }

  /** Puts a picked CSV or text file's content in the list box, where it can be checked and edited. */
  async loadCandidatesFile(file: File): Promise<void> {
    this.candidatesError = null;
    try {
      this.candidatesText = await readTextFile(file, 'candidate-list');
      this.candidatesFile = file.name;
    } catch (error) {
      this.candidatesError = error;
    }
  }

  /** The request to mint, or what to fix first. */
  toRequest(): { request: MintRequest; problems: [] } | { request: null; problems: string[] } {
    const problems = this.problems;
    if (problems.length > 0 || !this.bundle) return { request: null, problems };
    return {
      request: {
        bundle: this.bundle,
        src: this.src.trim(),
        appUrl: this.appUrl.trim(),
        validFrom: new Date(this.validFrom),
        validUntil: new Date(this.validUntil),
        minutes: this.minutes ?? 0,
        extraTimePercent: this.extraTimePercent ?? 0,
        encrypt: this.encrypt,
        candidates: this.candidateList.candidates,
      },
      problems: [],
    };
  }

  #problems(): string[] {
    const out: string[] = [];
    if (!this.bundle) out.push('Load the bundle the invites are for.');
    if (!this.src.trim()) out.push('Give the bundle address candidates will load it from.');
    else if (!isWebAddress(this.src.trim(), this.appUrl))
      out.push('The bundle address is not a valid http(s) address.');
    if (!isWebAddress(this.appUrl.trim())) out.push('The app address must be a full http(s) address.');
    const from = new Date(this.validFrom).getTime();
    const until = new Date(this.validUntil).getTime();
    if (Number.isNaN(from) || Number.isNaN(until)) out.push('Give the dates the invites are valid from and until.');
    else if (until <= from) out.push('“Valid until” must be later than “valid from”.');
    const minutes = this.minutes;
    const extra = this.extraTimePercent ?? 0;
    if (minutes === null && !this.bundle) {
      // The bundle sets the default; "load the bundle" says it already.
    } else if (minutes === null || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_INVITE_MINUTES)
      out.push(`The duration must be a whole number of minutes from 1 to ${MAX_INVITE_MINUTES}.`);
    else
      for (const c of [{ line: 0, extraTimePercent: extra }, ...this.candidateList.candidates]) {
        const message = durationProblem(minutes, c.extraTimePercent ?? extra);
        if (message) {
          out.push(c.line === 0 ? message : `Line ${c.line}: ${message}`);
          break;
        }
      }
    const { candidates, problems } = this.candidateList;
    if (problems.length > 0)
      out.push(
        `${problems.length} line${problems.length === 1 ? '' : 's'} of the list could not be read: fix or remove ${problems.length === 1 ? 'it' : 'them'}.`,
      );
    else if (candidates.length === 0) out.push('List at least one person to invite.');
    return out;
  }
}

function durationProblem(minutes: number, extra: number): string | null {
  try {
    inviteDuration(minutes, extra);
    return null;
  } catch (error) {
    return error instanceof AssayError ? error.message : String(error);
  }
}

function isWebAddress(text: string, base?: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text, base).protocol);
  } catch {
    return false;
  }
}

/** A Date as a `datetime-local` input value, in this browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
