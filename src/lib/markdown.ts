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

const cache = new Map<string, string>();
const CACHE_LIMIT = 200;

/** Safe HTML for a markdown string. Results are cached: outputs render once. */
export function renderMarkdown(source: string): string {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const html = purifier().sanitize(marked.parse(source) as string, SANITIZE) as string;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(source, html);
  return html;
}
