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

let purify: ReturnType<typeof DOMPurify> | null = null;

/**
 * The app's own DOMPurify instance, configured once: passing the configuration on
 * every call would rebuild its allow-lists each time, and a long text is sanitised
 * in many pieces.
 */
function purifier(): ReturnType<typeof DOMPurify> {
  if (purify) return purify;
  purify = DOMPurify(window);
  purify.setConfig({ ...SANITIZE, RETURN_DOM_FRAGMENT: true });
  purify.addHook('afterSanitizeAttributes', (node) => {
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
  return purify;
}

const sanitise = (html: string) => purifier().sanitize(html) as unknown as DocumentFragment;

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
 * A Svelte attachment for short texts (a bundle's instructions):
 * `<div {@attach markdownInto(text)}>` fills the element with safe markdown at once.
 * Long texts (a task's outputs) go through markdown-blocks.ts, a few blocks at a time.
 */
export function markdownInto(source: string): (node: Element) => void {
  return (node) => node.replaceChildren(renderMarkdownFragment(source));
}

/** What markdown-blocks.ts builds on: the same parser, sanitiser and cache. */
export const markdownEngine = {
  lex: (source: string) => marked.lexer(source),
  render: (tokens: Token[]) => marked.parser(tokens),
  sanitise,
  cached: (source: string) => cache.get(source),
  remember,
};

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
