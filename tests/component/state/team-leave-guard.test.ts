import { afterEach, describe, expect, it, vi } from 'vitest';
import { guardLeavingTeam, LEAVE_MESSAGE } from '../../../src/state/team-leave-guard.ts';

describe('leaving #/team with a key never backed up', () => {
  let remove: (() => void) | undefined;
  afterEach(() => {
    remove?.();
    document.body.innerHTML = '';
    location.hash = '';
  });

  function link(href: string): HTMLAnchorElement {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = 'go';
    document.body.append(a);
    return a;
  }

  it('asks before an in-app link leaves, and stays when the user says no', () => {
    location.hash = '#/team';
    const confirm = vi.fn(() => false);
    remove = guardLeavingTeam({ shouldWarn: () => true, confirm });
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link('#/').dispatchEvent(event);
    expect(confirm).toHaveBeenCalledWith(LEAVE_MESSAGE);
    expect(event.defaultPrevented).toBe(true);
  });

  it('lets the link go when the user agrees, and asks nothing once the backup is downloaded', () => {
    location.hash = '#/team';
    let backedUp = false;
    const confirm = vi.fn(() => true);
    remove = guardLeavingTeam({ shouldWarn: () => !backedUp, confirm });
    const first = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link('#/').dispatchEvent(first);
    expect(first.defaultPrevented).toBe(false);
    backedUp = true;
    const second = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link('#/').dispatchEvent(second);
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('warns on closing or reloading the tab', () => {
    remove = guardLeavingTeam({ shouldWarn: () => true, confirm: () => true });
    const event = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
    dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('returns to #/team when Back is cancelled', () => {
    const confirm = vi.fn(() => false);
    remove = guardLeavingTeam({ shouldWarn: () => true, confirm });
    location.hash = '#/';
    dispatchEvent(
      new HashChangeEvent('hashchange', { oldURL: `${location.origin}/#/team`, newURL: `${location.origin}/#/` }),
    );
    expect(confirm).toHaveBeenCalledOnce();
    expect(location.hash).toBe('#/team');
  });
});
