import { describe, expect, it } from 'vitest';
import { filesFromDrop, isResultFileName, resultFilesOfFolder, type DropData } from '../../../src/lib/dropped-files.ts';

/** A fake file-system tree in the shape of the browser's entries API. */
type Tree = { [name: string]: string | Tree | Error };

function entryOf(name: string, node: string | Tree | Error, parent = ''): FileSystemEntry {
  const fullPath = `${parent}/${name}`;
  if (typeof node === 'string' || node instanceof Error)
    return {
      isFile: true,
      isDirectory: false,
      name,
      fullPath,
      file: (ok: (f: File) => void, fail: (e: Error) => void) =>
        node instanceof Error ? fail(node) : ok(new File([node], name)),
    } as unknown as FileSystemEntry;
  const children = Object.entries(node).map(([n, child]) => entryOf(n, child, fullPath));
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader: () => {
      // Batches of two, as Chromium returns batches of 100: every batch must be read.
      let next = 0;
      return {
        readEntries: (ok: (entries: FileSystemEntry[]) => void) => {
          const batch = children.slice(next, next + 2);
          next += 2;
          setTimeout(() => ok(batch), 0);
        },
      };
    },
  } as unknown as FileSystemEntry;
}

function drop(tree: Tree): DropData {
  const entries = Object.entries(tree).map(([name, node]) => entryOf(name, node));
  return {
    files: [],
    items: entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry })),
  };
}

const names = (files: File[]) => files.map((f) => f.name);

describe('isResultFileName', () => {
  it('takes .json and .jwe files, not hidden ones or others', () => {
    expect(isResultFileName('results/ada.json')).toBe(true);
    expect(isResultFileName('ada.assay-result.JWE')).toBe(true);
    expect(isResultFileName('results/._ada.json')).toBe(false);
    expect(isResultFileName('.DS_Store')).toBe(false);
    expect(isResultFileName('notes.txt')).toBe(false);
    expect(isResultFileName('json')).toBe(false);
  });
});

describe('filesFromDrop', () => {
  it('walks dropped folders recursively, reading every batch, in path order', async () => {
    const files = await filesFromDrop(
      drop({
        results: {
          'r10.json': '{}',
          'r2.json': '{}',
          'notes.txt': 'x',
          '._r2.json': 'mac resource fork',
          'week 2': { 'r1.assay-result.jwe': 'jwe', deeper: { 'r3.json': '{}' } },
        },
      }),
    );
    // By full path: results/r2, results/r10, results/week 2/deeper/r3, results/week 2/r1.
    expect(names(files)).toEqual(['r2.json', 'r10.json', 'r3.json', 'r1.assay-result.jwe']);
  });

  it('keeps loose files whatever their name (so a wrong file gets a reason), before folder contents', async () => {
    const files = await filesFromDrop(drop({ folder: { 'b.json': '{}' }, 'z.txt': 'x', 'a.json': '{}' }));
    expect(names(files)).toEqual(['a.json', 'z.txt', 'b.json']);
  });

  it('reports unreadable entries and goes on', async () => {
    const unreadable: string[] = [];
    const files = await filesFromDrop(drop({ folder: { 'gone.json': new Error('NotFoundError'), 'ok.json': '{}' } }), {
      onUnreadable: (path) => unreadable.push(path),
    });
    expect(names(files)).toEqual(['ok.json']);
    expect(unreadable).toEqual(['/folder/gone.json']);
  });

  it('falls back to the plain file list where entries are not available', async () => {
    const file = new File(['{}'], 'a.json');
    expect(await filesFromDrop({ files: [file] })).toEqual([file]);
    expect(await filesFromDrop({ files: [file], items: [{ kind: 'file', webkitGetAsEntry: () => null }] })).toEqual([
      file,
    ]);
  });
});

describe('resultFilesOfFolder', () => {
  it('keeps result files of a picked folder, in path order', () => {
    const inFolder = (path: string) => {
      const file = new File(['{}'], path.split('/').pop() as string);
      Object.defineProperty(file, 'webkitRelativePath', { value: path });
      return file;
    };
    const files = resultFilesOfFolder([
      inFolder('res/b/r1.json'),
      inFolder('res/a.json'),
      inFolder('res/.hidden.json'),
      inFolder('res/readme.md'),
    ]);
    expect(files.map((f) => f.webkitRelativePath)).toEqual(['res/a.json', 'res/b/r1.json']);
  });
});
