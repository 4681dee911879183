import { describe, expect, it } from 'vitest';
import { chunkLinks, findStartupCycles, linkChunks } from '../../../scripts/chunk-cycles.ts';

const chunks = (entries: Record<string, string>) => linkChunks(new Map(Object.entries(entries)));

describe('chunkLinks', () => {
  it('reads static and dynamic imports, with rolldown’s template-literal specifiers', () => {
    const links = chunkLinks(
      'import{a as b}from"./app.js";export{c}from"./c.js";export*from"./d.js";const m=()=>import(`./lazy.js`);import("./other.js");import(x);',
    );
    expect(links.staticImports).toEqual(['./app.js', './c.js', './d.js']);
    expect(links.dynamicImports).toEqual(['./lazy.js', './other.js']);
    expect(links.topLevelAwait).toBe(false);
  });

  it('tells a top-level await from one inside a function', () => {
    expect(chunkLinks('async function f(){await g()}const h=async()=>{await g()};f();').topLevelAwait).toBe(false);
    expect(chunkLinks('class A{async m(){await 1}}').topLevelAwait).toBe(false);
    expect(chunkLinks('const{x}=await import(`./m.js`);').topLevelAwait).toBe(true);
    expect(chunkLinks('for await(const x of y){}').topLevelAwait).toBe(true);
    expect(chunkLinks('async function f(){for await(const x of y){}}').topLevelAwait).toBe(false);
  });
});

describe('findStartupCycles', () => {
  it('resolves specifiers against the importing chunk and leaves out what is not a chunk', () => {
    const graph = linkChunks(
      new Map([
        ['assets/app.js', 'import"./lib.js";import"https://example.org/x.js";import(`../sw.js`);'],
        ['assets/lib.js', ''],
      ]),
    );
    expect(graph.get('assets/app.js')).toEqual({
      staticImports: ['assets/lib.js'],
      dynamicImports: ['sw.js'],
      topLevelAwait: false,
    });
  });

  it('finds the issue-10 deadlock: the entry awaits a lazy chunk that imports the entry', () => {
    const graph = chunks({
      'app.js': 'export const mergeFields=1;const{createMemoryStore:m}=await import("./memory-store.js");',
      'memory-store.js': 'import{mergeFields}from"./app.js";export const createMemoryStore=mergeFields;',
    });
    expect(findStartupCycles(graph, 'app.js')).toEqual([
      { lazy: 'memory-store.js', imports: 'app.js', awaitIn: 'app.js' },
    ]);
  });

  it('finds none when nothing at start-up has a top-level await', () => {
    const graph = chunks({
      'app.js': 'export const mergeFields=1;async function start(){await import("./memory-store.js")}start();',
      'memory-store.js': 'import{mergeFields}from"./app.js";export const createMemoryStore=mergeFields;',
    });
    expect(findStartupCycles(graph, 'app.js')).toEqual([]);
  });

  it('finds none when the lazy chunks do not import the start-up chunks back', () => {
    const graph = chunks({
      'app.js': 'await import("./memory-store.js");',
      'memory-store.js': 'import{x}from"./lib.js";export const m=x;',
      'lib.js': 'export const x=1;',
    });
    expect(findStartupCycles(graph, 'app.js')).toEqual([]);
  });

  it('follows a top-level await in a chunk the entry imports, and lazy chunks loaded by lazy chunks', () => {
    const graph = chunks({
      'app.js': 'import{s}from"./storage.js";import("./screens.js");',
      'storage.js': 'export const s=await import("./memory-store.js");',
      'memory-store.js': 'import{y}from"./shared.js";export const m=y;',
      'shared.js': 'export const y=1;',
      'screens.js': 'import("./late.js");',
      'late.js': 'import{s}from"./app.js";',
    });
    expect(findStartupCycles(graph, 'app.js')).toEqual([{ lazy: 'late.js', imports: 'app.js', awaitIn: 'storage.js' }]);
  });
});
