/**
 * Markdown for untrusted text (bundles, model outputs, critiques). Two layers:
 * marked renders raw HTML in the source as visible text (a model output that
 * contains `<script>` shows it, it does not run it), images as their description
 * (no request leaves the page), and DOMPurify then sanitises whatever HTML is left.
 * Links open in a new tab so a candidate never navigates away from the exercise.
 */
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

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

function sanitisedFragment(source: string): DocumentFragment {
  const hit = cache.get(source);
  if (hit) return hit;
  const fragment = purifier().sanitize(marked.parse(source) as string, {
    ...SANITIZE,
    RETURN_DOM_FRAGMENT: true,
  }) as DocumentFragment;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(source, fragment);
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

/** Blocks shown at once; the rest of a long text follows in the next frame. */
const FIRST_BLOCKS = 16;
/** Parsing budget for one frame: texts beyond it are parsed in the frames after. */
const FRAME_BUDGET_MS = 24;
let spentThisFrame = 0;
let frameOpen = false;

function mayParseNow(): boolean {
  if (!frameOpen) {
    // A new frame's budget; it closes when the frame is drawn.
    frameOpen = true;
    spentThisFrame = 0;
    requestAnimationFrame(() => (frameOpen = false));
  }
  return spentThisFrame < FRAME_BUDGET_MS;
}

function timedFragment(source: string): DocumentFragment {
  const started = performance.now();
  const fragment = renderMarkdownFragment(source);
  spentThisFrame += performance.now() - started;
  return fragment;
}

/**
 * A Svelte attachment: `<div {@attach markdownInto(text)}>` fills the element with
 * safe markdown, so that a task with several long outputs appears at once:
 * - a text already rendered (in idle time, see prewarmMarkdown) is a native clone;
 * - texts not yet rendered are parsed within a per-frame budget, the others in the
 *   following frames (the element is `aria-busy` meanwhile);
 * - a long text shows its first blocks in the frame that opens it and the rest once
 *   that frame is painted. A `markdowncomplete` event bubbles when all is in.
 */
export function markdownInto(source: string): (node: Element) => () => void {
  return (node) => {
    let frame = 0;
    let cancelled = false;
    const show = (fragment: DocumentFragment) => {
      node.removeAttribute('aria-busy');
      if (fragment.childNodes.length <= FIRST_BLOCKS) {
        node.replaceChildren(fragment);
        node.dispatchEvent(new CustomEvent('markdowncomplete', { bubbles: true }));
        return;
      }
      const first = document.createDocumentFragment();
      while (first.childNodes.length < FIRST_BLOCKS && fragment.firstChild) first.append(fragment.firstChild);
      node.replaceChildren(first);
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          node.append(fragment);
          node.dispatchEvent(new CustomEvent('markdowncomplete', { bubbles: true }));
        });
      });
    };
    const attempt = () => {
      if (cancelled) return;
      if (cache.has(source) || mayParseNow()) show(timedFragment(source));
      else frame = requestAnimationFrame(attempt);
    };
    if (!cache.has(source) && !mayParseNow()) {
      node.setAttribute('aria-busy', 'true');
      node.replaceChildren();
      frame = requestAnimationFrame(attempt);
    } else show(timedFragment(source));
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
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
