/**
 * Makes losing a team key hard: while some key was never backed up, closing or
 * reloading the tab asks first (`beforeunload`), and so does leaving `#/team`
 * inside the app, by a link (asked before the hash changes) or by Back/Forward
 * (asked after; "Cancel" returns to `#/team`).
 */
const TEAM_HASH = /^#\/team(?:[?/]|$)/;

export const LEAVE_MESSAGE =
  'Your team key has not been backed up. If this browser’s data is cleared, the key is lost and every invite signed with it becomes unverifiable. Leave anyway?';

export interface LeaveGuardOptions {
  /** Whether leaving now could lose a key. */
  shouldWarn: () => boolean;
  confirm?: (message: string) => boolean;
}

/** Installs the guard; returns a function that removes it. */
export function guardLeavingTeam(options: LeaveGuardOptions): () => void {
  const ask = options.confirm ?? ((message: string) => window.confirm(message));
  let confirmedHash: string | null = null;

  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!options.shouldWarn()) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  };

  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const link = (event.target as Element | null)?.closest?.('a[href]');
    if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.hasAttribute('download')) return;
    if (!TEAM_HASH.test(location.hash) || !options.shouldWarn()) return;
    const url = new URL(link.href, location.href);
    const samePage = url.origin === location.origin && url.pathname === location.pathname;
    if (samePage && (TEAM_HASH.test(url.hash) || url.hash === '')) return;
    if (!samePage) return; // another page: beforeunload asks
    if (ask(LEAVE_MESSAGE)) confirmedHash = url.hash;
    else {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  const onHashChange = (event: HashChangeEvent) => {
    const from = new URL(event.oldURL).hash;
    const to = new URL(event.newURL).hash;
    if (!TEAM_HASH.test(from) || TEAM_HASH.test(to)) return;
    if (confirmedHash === to) {
      confirmedHash = null;
      return;
    }
    confirmedHash = null;
    if (options.shouldWarn() && !ask(LEAVE_MESSAGE)) location.hash = from;
  };

  addEventListener('beforeunload', onBeforeUnload);
  document.addEventListener('click', onClick, true);
  addEventListener('hashchange', onHashChange);
  return () => {
    removeEventListener('beforeunload', onBeforeUnload);
    document.removeEventListener('click', onClick, true);
    removeEventListener('hashchange', onHashChange);
  };
}
