/**
 * Finds the start-up deadlocks a code-split build can have (used by
 * scripts/check-chunk-cycles.ts on dist/, tested in tests/unit/scripts/).
 *
 * What a deadlock is. A module with a top-level `await` finishes evaluating only
 * when that await settles, and so does every module that imports it statically
 * (the entry included). A chunk loaded with `import()` is evaluated only after
 * every module it imports statically has finished (ECMA-262, "Cyclic Module
 * Records", the evaluation of modules with [[HasTLA]] and their async parents).
 * So if start-up code waits, at top level, for a lazy chunk that imports one of
 * those still-evaluating modules back, each waits for the other for ever: no
 * error, no screen. That is how the hosted build showed a blank page when
 * IndexedDB was refused (issue 10): main.ts awaited `openCandidateStore()`, which
 * awaited `import('./memory-store.ts')`, whose chunk imported `mergeFields` from
 * the entry chunk.
 *
 * What is checked, conservatively (which `import()` a top-level await really waits
 * for cannot be read from the code): let S be the entry chunk and every chunk it
 * imports statically, directly or not (what evaluates at start-up); W the chunks
 * of S that contain a top-level await or import one statically (what finishes only
 * after that await); L every chunk reachable from S through `import()` (and the
 * static and dynamic imports of those), which start-up code could be waiting for.
 * A problem is a chunk of L, not in S, whose static imports reach a chunk of W.
 * With no top-level await in S (W empty) there is none, whatever imports what.
 */
import path from 'node:path';
import { parseAst } from 'vite';

export interface ChunkLinks {
  /** Chunks imported with `import … from` / `export … from`, as written. */
  staticImports: string[];
  /** Chunks imported with `import("…")` and a constant specifier, as written. */
  dynamicImports: string[];
  /** A top-level await (or `for await`) outside any function. */
  topLevelAwait: boolean;
}

export interface StartupCycle {
  /** The lazy chunk that start-up code could await. */
  lazy: string;
  /** The still-evaluating start-up chunk it imports (directly or through others). */
  imports: string;
  /** The start-up chunk whose top-level await keeps `imports` evaluating. */
  awaitIn: string;
}

type Node = { type: string; [key: string]: unknown };

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export function chunkLinks(code: string): ChunkLinks {
  // Chunks are ES modules: parsed as such, a top-level await is legal, never mistaken for a name.
  const ast = parseAst(code, { sourceType: 'module' }) as unknown as Node;
  const links: ChunkLinks = { staticImports: [], dynamicImports: [], topLevelAwait: false };
  const visit = (node: Node, inFunction: boolean) => {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration': {
        const source = node.source as Node | null | undefined;
        if (source && typeof source.value === 'string') links.staticImports.push(source.value);
        break;
      }
      case 'ImportExpression': {
        const specifier = literalText(node.source as Node);
        if (specifier !== null) links.dynamicImports.push(specifier);
        break;
      }
      case 'AwaitExpression':
        if (!inFunction) links.topLevelAwait = true;
        break;
      case 'ForOfStatement':
        if (node.await === true && !inFunction) links.topLevelAwait = true;
        break;
    }
    const nested = inFunction || FUNCTION_TYPES.has(node.type);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) visit(item, nested);
      } else if (isNode(value)) visit(value, nested);
    }
  };
  visit(ast, false);
  return links;
}

/** The text of a string literal or of a template literal without substitutions (rolldown writes `import(\`./x.js\`)`). */
function literalText(node: Node): string | null {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  const quasis = node.quasis as { value: { cooked?: string | null } }[] | undefined;
  if (node.type === 'TemplateLiteral' && quasis?.length === 1) return quasis[0]?.value.cooked ?? null;
  return null;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * The links of every chunk (name → code, names as paths relative to the build's
 * root), with relative specifiers resolved to chunk names; anything else (an
 * absolute URL, a bare name) is not a chunk of the build and is left out.
 */
export function linkChunks(files: ReadonlyMap<string, string>): Map<string, ChunkLinks> {
  const linked = new Map<string, ChunkLinks>();
  for (const [name, code] of files) {
    const links = chunkLinks(code);
    const resolve = (specifiers: string[]) =>
      specifiers
        .filter((s) => s.startsWith('./') || s.startsWith('../'))
        .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(name), s)));
    linked.set(name, {
      staticImports: resolve(links.staticImports),
      dynamicImports: resolve(links.dynamicImports),
      topLevelAwait: links.topLevelAwait,
    });
  }
  return linked;
}

/**
 * The cycles described in this file's header. `chunks` is what linkChunks gives.
 */
export function findStartupCycles(chunks: ReadonlyMap<string, ChunkLinks>, entry: string): StartupCycle[] {
  const staticClosure = (from: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const name = stack.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      stack.push(...(chunks.get(name)?.staticImports ?? []));
    }
    return seen;
  };
  const startup = staticClosure(entry);
  // W: start-up chunks that finish only after some top-level await, with the chunk holding it.
  const waiting = new Map<string, string>();
  for (const name of startup) {
    for (const reached of staticClosure(name)) {
      if (chunks.get(reached)?.topLevelAwait) {
        waiting.set(name, reached);
        break;
      }
    }
  }
  if (waiting.size === 0) return [];
  // L: everything start-up code can load with import(), directly or through what that loads.
  const lazy = new Set<string>();
  const stack = [...startup].flatMap((name) => chunks.get(name)?.dynamicImports ?? []);
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (lazy.has(name) || startup.has(name)) continue;
    lazy.add(name);
    const links = chunks.get(name);
    if (links) stack.push(...links.staticImports, ...links.dynamicImports);
  }
  const cycles: StartupCycle[] = [];
  for (const name of [...lazy].sort()) {
    const hit = [...staticClosure(name)].find((reached) => waiting.has(reached));
    if (hit) cycles.push({ lazy: name, imports: hit, awaitIn: waiting.get(hit) as string });
  }
  return cycles;
}
