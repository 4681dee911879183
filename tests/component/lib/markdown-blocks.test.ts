import { describe, expect, it } from 'vitest';
import { BlockRenderer, markdownInBlocks } from '../../../src/lib/markdown-blocks.ts';
import { renderMarkdown } from '../../../src/lib/markdown.ts';
import { bigBundle } from '../../../bench/big-bundle.ts';

const bundles = import.meta.glob<unknown>('../../../exercises/*.json', { eager: true, import: 'default' });

/** Every string in a bundle that is shown as markdown. */
function markdownTexts(bundle: unknown): string[] {
  const b = bundle as {
    instructions: string;
    tasks: { prompt: string; context?: string; outputs: { content: string }[] }[];
  };
  return [b.instructions, ...b.tasks.flatMap((t) => [t.prompt, t.context ?? '', ...t.outputs.map((o) => o.content)])];
}

/** A text put together piece by piece, as markdownInto does it. */
function inPieces(source: string, first: number, step: number): { html: string; replaced: boolean } {
  const blocks = new BlockRenderer(source);
  const holder = document.createElement('div');
  let replaced = false;
  let chars = first;
  for (let guard = 0; !blocks.done; guard++) {
    if (guard > 10_000) throw new Error('BlockRenderer never finished');
    const { fragment, replace } = blocks.take(chars);
    if (replace) {
      replaced = true;
      holder.replaceChildren(fragment);
    } else holder.append(fragment);
    chars = step;
  }
  return { html: holder.innerHTML, replaced };
}

const long = (paragraphs: number) =>
  Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i} with *emphasis* and \`code\`.`).join('\n\n');

describe('BlockRenderer (long texts a few blocks at a time)', () => {
  const samples = Object.values(bundles).flatMap((bundle) => markdownTexts(bundle));

  it.each([
    ['the sample bundles', samples],
    ['the benchmark outputs', markdownTexts(bigBundle())],
  ])(
    'gives the same DOM as the whole text at once for %s',
    (_name, texts) => {
      expect(texts.length).toBeGreaterThan(5);
      for (const text of texts) {
        const whole = renderMarkdown(text);
        for (const [first, step] of [
          [1, 1],
          [200, 300],
          [1200, 4000],
        ] as const) {
          expect(inPieces(text, first, step).html, text.slice(0, 60)).toBe(whole);
        }
      }
      // Every sample text rendered a block at a time from each cut: seconds of work on a busy CI machine.
    },
    30_000,
  );

  it.each([
    [
      'a reference link defined after the cut',
      `See [the spec][spec].\n\n${long(200)}\n\n[spec]: https://example.org/spec\n`,
    ],
    [
      'a loose list going on past the cut',
      `- first item\n\n${'  more of the first item\n\n'.repeat(80)}- second\n\n${long(50)}`,
    ],
    [
      'a fence with blank lines across the cut',
      `${long(10)}\n\n\`\`\`\n${'code\n\n'.repeat(300)}\`\`\`\n\n${long(10)}`,
    ],
    ['Windows line ends', long(300).replace(/\n/g, '\r\n')],
    ['raw HTML blocks', `${long(40)}\n\n<div onclick="x()">\n\n<script>alert(1)</script>\n\n${long(40)}`],
  ])('is right for %s', (_name, text) => {
    const whole = renderMarkdown(text);
    for (const first of [50, 400, 1200]) expect(inPieces(text, first, 500).html).toBe(whole);
  });

  it('replaces its first look when the whole text renders the start differently', () => {
    const text = `See [the spec][spec].\n\n${long(200)}\n\n[spec]: https://example.org/spec\n`;
    const whole = renderMarkdown(text);
    const { html, replaced } = inPieces(text, 50, 500);
    expect(replaced).toBe(true);
    expect(html).toBe(whole);
    expect(html).toContain('href="https://example.org/spec"');
  });

  it('keeps its first look when it is right (no second render of the start)', () => {
    expect(inPieces(long(300), 400, 500).replaced).toBe(false);
  });
});

describe('markdownInBlocks', () => {
  it('shows the start of a long text at once and the rest after, then says it is complete', async () => {
    const text = long(400);
    const whole = renderMarkdown(text);
    // A text not seen before (renderMarkdown above cached this one).
    const fresh = `${text}\n\nThe end.`;
    const node = document.createElement('div');
    document.body.append(node);
    const complete = new Promise<void>((resolve) => node.addEventListener('markdowncomplete', () => resolve()));
    const detach = markdownInBlocks(fresh)(node);
    expect(node.getAttribute('aria-busy')).toBe('true');
    expect(node.childElementCount).toBeGreaterThan(0);
    expect(node.childElementCount).toBeLessThan(100);
    await complete;
    expect(node.hasAttribute('aria-busy')).toBe(false);
    expect(node.innerHTML).toBe(`${whole}<p>The end.</p>\n`);
    detach();
    node.remove();
  });

  it('renders everything still queued before the page is printed', () => {
    const text = `${long(300)}\n\nPrinted.`;
    const nodes = [0, 1, 2].map(() => document.createElement('div'));
    nodes.forEach((node, i) => markdownInBlocks(`${text} ${i}`)(node));
    expect(nodes.some((node) => node.getAttribute('aria-busy') === 'true')).toBe(true);
    window.dispatchEvent(new Event('beforeprint'));
    for (const [i, node] of nodes.entries()) {
      expect(node.hasAttribute('aria-busy')).toBe(false);
      expect(node.lastElementChild?.textContent).toBe(`Printed. ${i}`);
    }
  });

  it('stops adding to an element once detached', async () => {
    const node = document.createElement('div');
    const detach = markdownInBlocks(`${long(400)}\n\nDetached.`)(node);
    const shown = node.childElementCount;
    detach();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(node.childElementCount).toBe(shown);
    expect(node.getAttribute('aria-busy')).toBe('true');
  });
});
