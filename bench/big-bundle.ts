/** A bundle whose second task has five outputs of about 20 KB of mixed markdown each. */
export function bigBundle(): unknown {
  // Every output and section differs, so no rendering is shared between them.
  const section = (id: string, n: number) =>
    [
      `## Part ${n} of response ${id}: analysis`,
      'The function below walks the list once and keeps a running window. It is **linear** in the input, and the deque never holds more than *k* indexes, so memory is O(k).',
      '',
      '```python',
      'from collections import deque',
      '',
      'def window_max(values, k):',
      '    q, out = deque(), []',
      '    for i, v in enumerate(values):',
      '        while q and values[q[-1]] <= v:',
      '            q.pop()',
      '        q.append(i)',
      '        if q[0] <= i - k:',
      '            q.popleft()',
      `        if i >= k - ${n}:  # variant ${id}-${n}`,
      '            out.append(values[q[0]])',
      '    return out',
      '```',
      '',
      '| input | k | expected | notes |',
      '|---|---|---|---|',
      '| [1, 3, 2] | 2 | [3, 3] | simple |',
      '| [] | 1 | [] | empty |',
      '| [5, 4, 3, 2, 1] | 3 | [5, 4, 3] | decreasing |',
      '',
      '- First, check the bounds of `k` against the length of the list.',
      '- Then, make sure the deque invariant holds after every step: values are decreasing.',
      '- Finally, measure: a list of a million items should take well under a second.',
      '',
      '> Note: a naive solution is O(n·k); on the large test it times out.',
      '',
    ].join('\n');
  const output = (id: string) => {
    let content = '';
    for (let n = 1; content.length < 20_000; n++) content += section(id, n);
    return { id, content };
  };
  return {
    format: 'assay.bundle/1',
    id: 'bench-big',
    version: '1',
    title: 'Benchmark: long outputs',
    domain: 'Benchmark',
    instructions: 'Benchmark bundle.',
    timeLimitMinutes: 60,
    timePolicy: 'soft',
    tasks: [
      {
        id: 'small',
        title: 'Small task',
        prompt: 'Say hi.',
        outputs: [
          { id: 'a', content: 'Hi.' },
          { id: 'b', content: 'Hello.' },
        ],
      },
      {
        id: 'big',
        title: 'Five long outputs',
        prompt: 'Implement a sliding-window maximum and explain it.',
        outputs: ['o1', 'o2', 'o3', 'o4', 'o5'].map(output),
      },
    ],
  };
}
