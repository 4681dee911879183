/**
 * Hash routing: the app works from any static host or from a file on disk with no
 * server rewrite rules. Routes: `#/` (start page) and `#/take?src=URL` or
 * `#/take?bundle=HASH` (an exercise).
 */
export type Route =
  { name: 'home' } | { name: 'take'; src: string | null; bundle: string | null } | { name: 'not-found'; path: string };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  if (path === '' || path === '/') return { name: 'home' };
  if (path === '/take') {
    const src = params.get('src');
    const bundle = params.get('bundle');
    if (src || bundle) return { name: 'take', src: src || null, bundle: bundle || null };
  }
  return { name: 'not-found', path: raw };
}

export function takeHref(params: { src?: string; bundle?: string }): string {
  const query = new URLSearchParams();
  if (params.src) query.set('src', params.src);
  if (params.bundle) query.set('bundle', params.bundle);
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
