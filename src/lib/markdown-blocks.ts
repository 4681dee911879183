/**
 * Long markdown (a task's outputs, prompts, critiques) shown a few blocks at a time,
 * so that a task with several long outputs appears at once and typing never waits:
 * the frame that opens a task shows the start of each text its budget allows, and
 * the rest is added in slices after each frame is painted. Parsing, sanitising and
 * the cache are markdown.ts's; this module only decides how much, and when.
 */
import type { Token } from 'marked';
import { markdownEngine } from './markdown.ts';

const { lex, render, sanitise, cached: cachedFragment, remember } = markdownEngine;

/**
 * Where a long text can be split for a first look: the end of a blank line at or
 * after `from`, outside fenced code; -1 if there is none before `limit`.
 */
function cutPoint(source: string, from: number, limit: number): number {
  let fence: string | null = null;
  let at = 0;
  while (at < source.length && at < limit) {
    const end = source.indexOf('\n', at);
    if (end < 0) return -1;
    const line = source.slice(at, end);
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === null ? marker : null;
    } else if (fence === null && at >= from && line.trim() === '') return end + 1;
    at = end + 1;
  }
  return -1;
}

/**
 * A text rendered a few top-level blocks at a time, the same DOM in the end as the
 * whole text rendered at once (a test checks it on every sample text):
 * - the first piece of a long text comes from lexing only its beginning, up to a
 *   blank line outside code; once the whole text is lexed, that piece is kept if
 *   it renders the same (it differs when, say, a reference link is defined further
 *   down, or a list goes on past the cut), and replaced otherwise;
 * - after that, pieces are runs of whole top-level tokens, which marked's parser
 *   renders one by one.
 */
export class BlockRenderer {
  readonly #source: string;
  readonly #whole = document.createDocumentFragment();
  #tokens: Token[] | null = null;
  #next = 0;
  /** The first look: how much source it covered and the HTML it gave. */
  #head: { length: number; html: string } | null = null;

  constructor(source: string) {
    // What marked's lexer does first, done here so that lengths agree with its tokens.
    this.#source = source.replace(/\r\n?/g, '\n');
  }

  get done(): boolean {
    return this.#tokens !== null && this.#next >= this.#tokens.length;
  }

  /**
   * The next blocks, about `chars` characters of source (at least one block).
   * `replace` is true when they replace everything given so far.
   */
  take(chars: number): { fragment: DocumentFragment; replace: boolean } {
    if (this.#tokens === null && this.#head === null) {
      const cut = cutPoint(this.#source, chars, chars * 4);
      if (cut > 0 && cut < this.#source.length / 2) {
        const html = render(lex(this.#source.slice(0, cut)));
        this.#head = { length: cut, html };
        return { fragment: this.#piece(html), replace: false };
      }
    }
    let replace = false;
    if (this.#tokens === null) {
      this.#tokens = lex(this.#source);
      if (this.#head) replace = !this.#keepHead(this.#tokens, this.#head);
    }
    const from = replace ? 0 : this.#next;
    if (replace) this.#whole.replaceChildren();
    let size = 0;
    this.#next = from;
    while (this.#next < this.#tokens.length && (this.#next === from || size < chars)) {
      size += (this.#tokens[this.#next] as Token).raw.length;
      this.#next += 1;
    }
    const fragment = this.#piece(render(this.#tokens.slice(from, this.#next)));
    if (this.done) remember(this.#source, this.#whole);
    return { fragment, replace };
  }

  /** Whether the first look is what the whole text gives; if so, continues after it. */
  #keepHead(tokens: Token[], head: { length: number; html: string }): boolean {
    let length = 0;
    let count = 0;
    while (count < tokens.length && length < head.length) length += (tokens[count++] as Token).raw.length;
    if (length !== head.length || render(tokens.slice(0, count)) !== head.html) return false;
    this.#next = count;
    return true;
  }

  #piece(html: string): DocumentFragment {
    const fragment = sanitise(html);
    this.#whole.append(fragment.cloneNode(true));
    return fragment;
  }
}

// Rendering a task's texts. What the first frame shows is what a reader sees at the
// top of each text; the rest is added in slices after the frame is painted, so a
// task with several long outputs appears at once and typing never waits long.
/** Source characters rendered per text in the frame that opens it. */
const FIRST_CHARS = 800;
/** Characters rendered per step afterwards. */
const STEP_CHARS = 4000;
/** Work allowed in the frame that opens a task, summed over its texts. */
const FIRST_FRAME_MS = 12;
/** Work per slice after that: short enough for a keystroke to get through. */
const SLICE_MS = 12;
/** Nodes of an already rendered text shown in the first frame. */
const FIRST_NODES = 16;

let spentThisFrame = 0;
let frameOpen = false;
const jobs: (() => boolean)[] = [];
let sliceScheduled = false;

/** Runs `fn` once the next frame has been painted (a task after the frame). */
function afterPaint(fn: () => void) {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

function frameBudgetLeft(): boolean {
  if (!frameOpen) {
    frameOpen = true;
    spentThisFrame = 0;
    afterPaint(() => (frameOpen = false));
  }
  return spentThisFrame < FIRST_FRAME_MS;
}

function timed<T>(work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    spentThisFrame += performance.now() - started;
  }
}

function runSlice() {
  sliceScheduled = false;
  const started = performance.now();
  while (jobs.length > 0 && performance.now() - started < SLICE_MS) {
    if ((jobs[0] as () => boolean)()) jobs.shift();
  }
  if (jobs.length > 0) scheduleSlice();
}

function scheduleSlice() {
  if (sliceScheduled) return;
  sliceScheduled = true;
  afterPaint(runSlice);
}

/** Before printing, whatever is still queued is rendered: paper shows every text whole. */
function finishAll() {
  while (jobs.length > 0) if ((jobs[0] as () => boolean)()) jobs.shift();
}
if (typeof window !== 'undefined') window.addEventListener('beforeprint', finishAll);

/** Queues `step` (true when finished) for the slices after the next paint. */
function later(step: () => boolean): () => void {
  let cancelled = false;
  jobs.push(() => cancelled || step());
  scheduleSlice();
  return () => (cancelled = true);
}

/**
 * A Svelte attachment: `<div {@attach markdownInBlocks(text)}>` fills the element with
 * safe markdown. A text rendered before (in idle time, see prewarmMarkdown) is a
 * native clone; otherwise the frame shows the first blocks of as many texts as its
 * budget allows and the rest follows in slices after each paint. The element is
 * `aria-busy` until everything is in; then a `markdowncomplete` event bubbles.
 */
export function markdownInBlocks(source: string): (node: Element) => () => void {
  return (node) => {
    const complete = () => {
      node.removeAttribute('aria-busy');
      node.dispatchEvent(new CustomEvent('markdowncomplete', { bubbles: true }));
      return true;
    };
    node.setAttribute('aria-busy', 'true');
    node.replaceChildren();
    const cached = cachedFragment(source);
    if (cached) {
      const fragment = cached.cloneNode(true) as DocumentFragment;
      if (fragment.childNodes.length <= FIRST_NODES) {
        node.append(fragment);
        complete();
        return () => {};
      }
      while (node.childNodes.length < FIRST_NODES && fragment.firstChild) node.append(fragment.firstChild);
      return later(() => {
        node.append(fragment);
        return complete();
      });
    }
    let blocks: BlockRenderer | null = null;
    const step = (chars: number) => {
      blocks ??= new BlockRenderer(source);
      const { fragment, replace } = blocks.take(chars);
      if (replace) node.replaceChildren(fragment);
      else node.append(fragment);
      return blocks.done ? complete() : false;
    };
    if (frameBudgetLeft() && timed(() => step(FIRST_CHARS))) return () => {};
    return later(() => step(STEP_CHARS));
  };
}
