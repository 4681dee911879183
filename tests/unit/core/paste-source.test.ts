import { describe, expect, it } from 'vitest';
import { comparableText, pasteSource, validateBundle } from '../../../src/core/index.ts';
import { bundleInput } from '../../helpers/factories.ts';

const bundle = validateBundle(
  bundleInput({
    tasks: [
      {
        id: 't1',
        title: 'Quote me',
        prompt: 'Write **three** steps for `git bisect`.\n\n1. Mark the bad commit\n2. Mark a good one',
        context: 'See [the manual](https://git-scm.com/docs/git-bisect "docs") first.',
        outputs: [
          {
            id: 'k3x9qa',
            content:
              '## Steps\n\n- Run `git bisect start`\n- Then *mark* the bad commit: `git bisect bad`\n\n| Step | Command |\n|---|---|\n| 1 | start |\n\n```sh\ngit bisect good v1.0\n```',
          },
          { id: 'p7m2zd', content: 'Use `git log` and read every commit.' },
        ],
      },
    ],
  }),
);
const task = bundle.tasks[0]!;

describe('pasteSource: quotes from the task are not outside pastes', () => {
  it('finds text copied from the rendered response, whatever the markdown around it', () => {
    expect(pasteSource('Then mark the bad commit: git bisect bad', task)).toEqual({
      kind: 'response',
      outputId: 'k3x9qa',
    });
    // Across list items, a table row and a code block, as the browser copies them.
    expect(pasteSource('Run git bisect start\nThen mark', task)).toEqual({ kind: 'response', outputId: 'k3x9qa' });
    expect(pasteSource('Step\tCommand\n1\tstart', task)).toEqual({ kind: 'response', outputId: 'k3x9qa' });
    expect(pasteSource('git bisect good v1.0', task)).toEqual({ kind: 'response', outputId: 'k3x9qa' });
    expect(pasteSource('read every commit', task)).toEqual({ kind: 'response', outputId: 'p7m2zd' });
  });

  it('finds text from the prompt and the context', () => {
    expect(pasteSource('Write three steps for git bisect.', task)).toEqual({ kind: 'prompt' });
    expect(pasteSource('Mark the bad commit\nMark a good one', task)).toEqual({ kind: 'prompt' });
    expect(pasteSource('See the manual first.', task)).toEqual({ kind: 'context' });
  });

  it('calls anything else an outside paste', () => {
    expect(pasteSource('The model forgot to mention git bisect reset.', task)).toEqual({ kind: 'outside' });
    expect(pasteSource('   \n ', task)).toEqual({ kind: 'outside' });
    // Almost a quote is not a quote.
    expect(pasteSource('Then mark the good commit', task)).toEqual({ kind: 'outside' });
  });

  it('compares text without markdown syntax or spacing', () => {
    expect(comparableText('**bold**  and _it_\n\n- item')).toBe('bold and it item');
    expect(comparableText('[link](http://x.example) here')).toBe('link here');
  });
});
