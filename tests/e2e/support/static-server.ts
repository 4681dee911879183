/**
 * A small static file server for end-to-end tests: serves the built app, and the
 * test fixtures under /__fixtures__/, with the right content types. No caching, so
 * a test that swaps builds (`mount`) sees the new files at once.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
  /** Requests seen, for tests that check what the page fetched. */
  requests: string[];
  /** Serves `prefix` from `dir` from now on (e.g. '/' from a newer build, to test updates). */
  mount(prefix: string, dir: string): void;
}

export async function startStaticServer(roots: { '/': string } & Record<string, string>): Promise<StaticServer> {
  const requests: string[] = [];
  let mounts: [string, string][] = [];
  const mount = (prefix: string, dir: string) => {
    mounts = [...mounts.filter(([p]) => p !== prefix), [prefix, path.resolve(dir)]];
    mounts.sort((a, b) => b[0].length - a[0].length);
  };
  for (const [prefix, dir] of Object.entries(roots)) mount(prefix, dir);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    // '/' is always mounted, so some mount always matches.
    const [prefix, dir] = mounts.find(([p]) => url.pathname.startsWith(p)) as [string, string];
    let file = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const info = await stat(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    mount,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of a browser still open would hold close() up.
        server.closeAllConnections();
      }),
  };
}
