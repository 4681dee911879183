/**
 * Markdown for untrusted text (bundles, model outputs, critiques). Two layers:
 * marked renders raw HTML in the source as visible text (a model output that
 * contains `<script>` shows it, it does not run it), images as their description
 * (no request leaves the page), and DOMPurify then sanitises whatever HTML is left.
 * Links open in a new tab so a candidate never navigates away from the exercise.
 */
import DOMPurify from 'dompurify';
import { Marked, type Token, type Tokens } from 'marked';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Headings in content sit under the page's own (h1 page, h2 response): shift them down two levels.
    heading({ tokens, depth }: Tokens.Heading) {
      const level = Math.min(6, depth + 2);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    image({ text, href }: Tokens.Image) {
      return `<span class="md-image">[image: ${escapeHtml(text || 'no description')}${href ? ` — ${escapeHtml(href)}` : ''}]</span>`;
    },
  },
});

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        const href = node.getAttribute('href') ?? '';
        if (!/^(https?:|mailto:|#)/i.test(href)) node.removeAttribute('href');
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      }
      if (node.hasAttribute('class')) {
        const kept = (node.getAttribute('class') ?? '')
          .split(/\s+/)
          .filter((c) => /^(language-[\w-]+|md-image)$/.test(c));
        if (kept.length > 0) node.setAttribute('class', kept.join(' '));
        else node.removeAttribute('class');
      }
    });
  }
  return DOMPurify;
}

const SANITIZE = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'option',
    'img',
    'picture',
    'source',
    'video',
    'audio',
    'iframe',
    'frame',
    'object',
    'embed',
    'link',
    'meta',
    'base',
    'svg',
    'math',
    'dialog',
    'template',
  ],
  FORBID_ATTR: ['style', 'id', 'name', 'srcset', 'formaction', 'xlink:href'],
  ALLOW_DATA_ATTR: false,
};

const cache = new Map<string, DocumentFragment>();
const CACHE_LIMIT = 300;

function remember(source: string, fragment: DocumentFragment) {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(source, fragment);
}

const sanitise = (html: string) =>
  purifier().sanitize(html, { ...SANITIZE, RETURN_DOM_FRAGMENT: true }) as DocumentFragment;

function sanitisedFragment(source: string): DocumentFragment {
  const hit = cache.get(source);
  if (hit) return hit;
  const fragment = sanitise(marked.parse(source) as string);
  remember(source, fragment);
  return fragment;
}

/**
 * Safe DOM for a markdown string, as a fresh copy of a cached fragment: the parse
 * and sanitise happen once per text, and showing it again is a native clone.
 */
export function renderMarkdownFragment(source: string): DocumentFragment {
  return sanitisedFragment(source).cloneNode(true) as DocumentFragment;
}

/** Safe HTML for a markdown string (for places that need markup as text). */
export function renderMarkdown(source: string): string {
  const holder = document.createElement('div');
  holder.append(renderMarkdownFragment(source));
  return holder.innerHTML;
}

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
        const html = marked.parser(marked.lexer(this.#source.slice(0, cut)));
        this.#head = { length: cut, html };
        return { fragment: this.#piece(html), replace: false };
      }
    }
    let replace = false;
    if (this.#tokens === null) {
      this.#tokens = marked.lexer(this.#source);
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
    const fragment = this.#piece(marked.parser(this.#tokens.slice(from, this.#next)));
    if (this.done) remember(this.#source, this.#whole);
    return { fragment, replace };
  }

  /** Whether the first look is what the whole text gives; if so, continues after it. */
  #keepHead(tokens: Token[], head: { length: number; html: string }): boolean {
    let length = 0;
    let count = 0;
    while (count < tokens.length && length < head.length) length += (tokens[count++] as Token).raw.length;
    if (length !== head.length || marked.parser(tokens.slice(0, count)) !== head.html) return false;
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
const FIRST_CHARS = 1200;
/** Characters rendered per step afterwards. */
const STEP_CHARS = 4000;
/** Work allowed in the frame that opens a task, summed over its texts. */
const FIRST_FRAME_MS = 20;
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

/** Queues `step` (true when finished) for the slices after the next paint. */
function later(step: () => boolean): () => void {
  let cancelled = false;
  jobs.push(() => cancelled || step());
  scheduleSlice();
  return () => (cancelled = true);
}

/**
 * A Svelte attachment: `<div {@attach markdownInto(text)}>` fills the element with
 * safe markdown. A text rendered before (in idle time, see prewarmMarkdown) is a
 * native clone; otherwise the frame shows the first blocks of as many texts as its
 * budget allows and the rest follows in slices after each paint. The element is
 * `aria-busy` until everything is in; then a `markdowncomplete` event bubbles.
 */
export function markdownInto(source: string): (node: Element) => () => void {
  return (node) => {
    const complete = () => {
      node.removeAttribute('aria-busy');
      node.dispatchEvent(new CustomEvent('markdowncomplete', { bubbles: true }));
      return true;
    };
    node.setAttribute('aria-busy', 'true');
    node.replaceChildren();
    const cached = cache.get(source);
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

/**
 * Renders texts ahead of time, one per idle slice, so that opening the next task
 * costs only a clone. Returns a function that cancels what has not run yet.
 */
export function prewarmMarkdown(sources: readonly string[]): () => void {
  const queue = sources.filter((s) => !cache.has(s));
  let handle: number | undefined;
  const idle: (cb: () => void) => number =
    typeof requestIdleCallback === 'function'
      ? (cb) => requestIdleCallback(cb, { timeout: 2000 })
      : (cb) => window.setTimeout(cb, 50);
  const cancelIdle = (h: number) =>
    typeof cancelIdleCallback === 'function' ? cancelIdleCallback(h) : window.clearTimeout(h);
  const step = () => {
    const next = queue.shift();
    if (next === undefined) return;
    sanitisedFragment(next);
    handle = idle(step);
  };
  handle = idle(step);
  return () => {
    queue.length = 0;
    if (handle !== undefined) cancelIdle(handle);
  };
}
