/**
 * Hash routing: the app works from any static host or from a file on disk with no
 * server rewrite rules. Routes: `#/` (start page), `#/take?src=URL` or
 * `#/take?bundle=HASH`, optionally with `&invite=TOKEN` (an exercise), and
 * `#/team` (the hiring team's key and invites), `#/take-home` (take-home copies)
 * and `#/workspace…` (results, scores, reviews).
 */
export type Route =
  | { name: 'home' }
  | { name: 'take'; src: string | null; bundle: string | null; invite: string | null; embedded: boolean }
  | { name: 'team' }
  | { name: 'take-home' }
  | { name: 'workspace'; view: WorkspaceView; id: string | null; ids: string[]; task: string | null }
  | { name: 'not-found'; path: string };

export type WorkspaceView = 'table' | 'candidate' | 'compare' | 'review' | 'report';

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  if (path === '' || path === '/') return { name: 'home' };
  if (path === '/take') {
    const src = params.get('src');
    const bundle = params.get('bundle');
    const invite = params.get('invite');
    const embedded = params.has('embedded');
    if (src || bundle || embedded)
      return { name: 'take', src: src || null, bundle: bundle || null, invite: invite || null, embedded };
  }
  if (path === '/team') return { name: 'team' };
  if (path === '/take-home') return { name: 'take-home' };
  const workspace = /^\/workspace(?:\/(candidate|compare|review|report))?(?:\/([^/]+))?\/?$/.exec(path);
  if (workspace) {
    const view = (workspace[1] ?? 'table') as WorkspaceView;
    const id = workspace[2] ? decodeURIComponent(workspace[2]) : null;
    if ((view === 'candidate' || view === 'report') && !id) return { name: 'not-found', path: raw };
    const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    return { name: 'workspace', view, id, ids, task: params.get('task') };
  }
  return { name: 'not-found', path: raw };
}

export function takeHref(params: { src?: string; bundle?: string; invite?: string }): string {
  const query = new URLSearchParams();
  if (params.src) query.set('src', params.src);
  if (params.bundle) query.set('bundle', params.bundle);
  if (params.invite) query.set('invite', params.invite);
  return `#/take?${query.toString()}`;
}

export class Router {
  route = $state<Route>({ name: 'home' });
  #onChange: (route: Route) => void;

  constructor(onChange: (route: Route) => void = () => {}) {
    this.#onChange = onChange;
    this.route = parseHash(location.hash);
    addEventListener('hashchange', () => this.#set(parseHash(location.hash)));
  }

  navigate(hash: string): void {
    if (location.hash === hash) this.#set(parseHash(hash));
    else location.hash = hash;
  }

  #set(route: Route): void {
    this.route = route;
    this.#onChange(route);
  }
}

/** Links inside the workspace. */
export const workspaceHref = {
  table: () => '#/workspace',
  candidate: (attemptId: string) => `#/workspace/candidate/${encodeURIComponent(attemptId)}`,
  report: (attemptId: string) => `#/workspace/report/${encodeURIComponent(attemptId)}`,
  compare: (ids: readonly string[], task?: string) =>
    `#/workspace/compare?${new URLSearchParams({ ids: ids.join(','), ...(task ? { task } : {}) }).toString()}`,
  review: () => '#/workspace/review',
};
