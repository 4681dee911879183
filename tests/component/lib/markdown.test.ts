import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderMarkdownFragment } from '../../../src/lib/markdown.ts';

const dom = (html: string) => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
};

describe('renderMarkdown (untrusted markdown)', () => {
  it('renders code blocks, tables, lists and emphasis', () => {
    const html = renderMarkdown(
      '# Title\n\n- one\n- **two**\n\n```python\nprint("<b>hi</b>")\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    );
    const div = dom(html);
    // Content headings sit below the page's own: # becomes h3.
    expect(div.querySelector('h1')).toBeNull();
    expect(div.querySelector('h3')?.textContent).toBe('Title');
    expect(div.querySelectorAll('li')).toHaveLength(2);
    expect(div.querySelector('strong')?.textContent).toBe('two');
    expect(div.querySelector('pre code.language-python')?.textContent).toBe('print("<b>hi</b>")\n');
    expect(div.querySelectorAll('td')).toHaveLength(2);
  });

  it('shows raw HTML as text instead of running or rendering it', () => {
    const div = dom(
      renderMarkdown(
        'Before <script>window.x=1</script> <img src=x onerror="alert(1)"> after\n\n<div onclick="x()">block</div>',
      ),
    );
    expect(div.querySelector('script, img, div[onclick]')).toBeNull();
    expect(div.textContent).toContain('<script>window.x=1</script>');
    expect(div.textContent).toContain('<img src=x onerror="alert(1)">');
    const attributes = [...div.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name));
    expect(attributes.filter((name) => name.startsWith('on'))).toEqual([]);
  });

  it('removes javascript: and data: links, and opens other links in a new tab', () => {
    const div = dom(
      renderMarkdown('[a](javascript:alert(1)) [b](data:text/html,x) [c](https://example.org/page) [d](#x)'),
    );
    const links = [...div.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([null, null, 'https://example.org/page', '#x']);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    }
  });

  it('replaces images by their description so no request leaves the page', () => {
    const div = dom(renderMarkdown('![a tracking pixel](https://example.invalid/p.png)'));
    expect(div.querySelector('img')).toBeNull();
    expect(div.textContent).toContain('[image: a tracking pixel — https://example.invalid/p.png]');
  });

  it('gives a fresh copy each time, so one render cannot change another', () => {
    const first = renderMarkdownFragment('Same *text*');
    (first.firstChild as Element).setAttribute('data-x', 'changed');
    const second = renderMarkdownFragment('Same *text*');
    expect((second.firstChild as Element).hasAttribute('data-x')).toBe(false);
  });
});
