/**
 * Publishes the sample bundles in exercises/*.json with the app: each file as it is,
 * plus exercises/index.json listing them for the start page. Every bundle is
 * validated at build time, so a broken sample fails the build, not a candidate.
 * Answer keys (exercises/keys/) are never published.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'vite';
import { loadBundleText } from '../src/core/index.ts';

interface Sample {
  file: string;
  id: string;
  title: string;
  domain: string;
  tasks: number;
  timeLimitMinutes: number;
  timePolicy: 'soft' | 'hard';
}

async function collect(dir: string): Promise<{ samples: Sample[]; files: Map<string, string> }> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const samples: Sample[] = [];
  const files = new Map<string, string>();
  for (const name of names) {
    const text = await readFile(path.join(dir, name), 'utf8');
    let loaded;
    try {
      loaded = await loadBundleText(text);
    } catch (error) {
      throw new Error(`exercises/${name} is not a valid bundle: ${(error as Error).message}`, { cause: error });
    }
    const { bundle } = loaded;
    files.set(name, text);
    samples.push({
      file: `exercises/${name}`,
      id: bundle.id,
      title: bundle.title,
      domain: bundle.domain,
      tasks: bundle.tasks.length,
      timeLimitMinutes: bundle.timeLimitMinutes,
      timePolicy: bundle.timePolicy,
    });
  }
  return { samples, files };
}

export function exercisesPlugin(options: { dir: string }): Plugin {
  const dir = path.resolve(options.dir);
  return {
    name: 'assay-exercises',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        const match = /^\/exercises\/(.+)$/.exec(url);
        if (!match) return next();
        try {
          const { samples, files } = await collect(dir);
          const name = decodeURIComponent(match[1] as string);
          const body = name === 'index.json' ? JSON.stringify(samples) : files.get(name);
          if (body === undefined) {
            res.statusCode = 404;
            return res.end('not found');
          }
          res.setHeader('content-type', 'application/json');
          res.end(body);
        } catch (error) {
          res.statusCode = 500;
          res.end(String((error as Error).message));
        }
      });
    },
    async generateBundle() {
      const { samples, files } = await collect(dir);
      for (const [name, text] of files) this.emitFile({ type: 'asset', fileName: `exercises/${name}`, source: text });
      this.emitFile({ type: 'asset', fileName: 'exercises/index.json', source: JSON.stringify(samples, null, 2) });
    },
  };
}
