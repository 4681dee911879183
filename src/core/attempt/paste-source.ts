import type { Task } from '../bundle/schema.ts';

/**
 * Where pasted text came from. Quoting a response in its critique is what the
 * instructions ask for, so text found in the task itself (its prompt, its context,
 * one of its responses) is a quote, recorded as such and not flagged; anything else
 * is an outside paste, recorded by its length only, as before.
 */
export type PasteSource =
  { kind: 'prompt' } | { kind: 'context' } | { kind: 'response'; outputId: string } | { kind: 'outside' };

// A candidate copies from the rendered page, where the markdown's syntax is gone:
// compare text with that syntax (and line breaks, list markers, table rules, fences)
// taken out of both sides, so "**3** steps" in the source matches "3 steps" on screen.
const FENCE = /^\s*(```|~~~).*$/gm;
const TABLE_RULE = /^[\s|:-]+$/gm;
const LIST_MARKER = /^\s*(?:[-*+]|\d{1,9}[.)])\s+/gm;
const HEADING_OR_QUOTE = /^\s*(?:#{1,6}|>+)\s*/gm;
const LINK_TARGET = /\]\([^)\s]*(?:\s+"[^"]*")?\)/g;
const SYNTAX = /[*_`|~\\[\]]/g;
const SPACE = /\s+/g;

/** The text as a comparison sees it: markdown syntax and spacing removed. */
export function comparableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(FENCE, ' ')
    .replace(TABLE_RULE, ' ')
    .replace(LIST_MARKER, ' ')
    .replace(HEADING_OR_QUOTE, ' ')
    .replace(LINK_TARGET, ']')
    .replace(SYNTAX, '')
    .replace(SPACE, ' ')
    .trim();
}

const cache = new WeakMap<Task, { prompt: string; context: string; outputs: [string, string][] }>();

/** Finds pasted text in the task the candidate is answering. Empty or blank text is an outside paste. */
export function pasteSource(pasted: string, task: Task): PasteSource {
  const needle = comparableText(pasted);
  if (needle === '') return { kind: 'outside' };
  let texts = cache.get(task);
  if (!texts) {
    texts = {
      prompt: comparableText(task.prompt),
      context: task.context ? comparableText(task.context) : '',
      outputs: task.outputs.map((o) => [o.id, comparableText(o.content)]),
    };
    cache.set(task, texts);
  }
  for (const [outputId, text] of texts.outputs) if (text.includes(needle)) return { kind: 'response', outputId };
  if (texts.prompt.includes(needle)) return { kind: 'prompt' };
  if (texts.context.includes(needle)) return { kind: 'context' };
  return { kind: 'outside' };
}
