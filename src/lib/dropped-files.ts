/**
 * Files the hiring team drops or picks, folders included. A drop gives
 * `DataTransferItem`s whose entries (`webkitGetAsEntry()`, in every current browser)
 * let us walk a dropped folder; the entries are only valid during the drop event,
 * so they are taken at once and read afterwards. Inside folders only result-like
 * files are kept (`*.json`, `*.jwe`, not hidden ones such as macOS's `._x.json`);
 * files dropped or picked one by one are kept whatever their name, so a wrong
 * file is listed with its reason instead of vanishing.
 */

/** A file a folder import takes: `.json` or `.jwe`, not hidden. */
export function isResultFileName(path: string): boolean {
  const name = path.split('/').pop() ?? path;
  return !name.startsWith('.') && /\.(json|jwe)$/i.test(name);
}

const byPath = (a: { path: string }, b: { path: string }) =>
  a.path.localeCompare(b.path, 'en', { numeric: true, sensitivity: 'base' });

/** The files of a `<input type="file" webkitdirectory>`: result files only, in path order. */
export function resultFilesOfFolder(files: Iterable<File>): File[] {
  return [...files]
    .map((file) => ({ path: file.webkitRelativePath || file.name, file }))
    .filter(({ path }) => isResultFileName(path))
    .sort(byPath)
    .map(({ file }) => file);
}

/** The part of `DataTransfer` this reads (a plain object in tests). */
export interface DropData {
  readonly files: ArrayLike<File>;
  readonly items?: ArrayLike<Pick<DataTransferItem, 'kind' | 'webkitGetAsEntry'>>;
}

export interface DropOptions {
  /** Called for each entry that cannot be read (permissions, a file removed meanwhile). */
  onUnreadable?: (path: string, error: unknown) => void;
}

/**
 * The files of a drop, walking dropped folders recursively: loose files as they
 * are, then the result files found in folders, each group in path order. Must be
 * called synchronously from the `drop` handler (it takes the entries at once).
 */
export function filesFromDrop(data: DropData, options: DropOptions = {}): Promise<File[]> {
  const entries: FileSystemEntry[] = [];
  const items = data.items;
  for (let i = 0; items && i < items.length; i++) {
    const item = items[i];
    if (item?.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    // Without entries (an old browser, a synthetic event) folders cannot be walked.
    if (!entry) return Promise.resolve(Array.from(data.files));
    entries.push(entry);
  }
  if (entries.length === 0) return Promise.resolve(Array.from(data.files));
  return readEntries(entries, options);
}

async function readEntries(entries: FileSystemEntry[], options: DropOptions): Promise<File[]> {
  const loose: { path: string; file: File }[] = [];
  const inFolders: { path: string; file: File }[] = [];
  const walk = async (entry: FileSystemEntry, top: boolean): Promise<void> => {
    try {
      if (isFile(entry)) {
        if (top || isResultFileName(entry.fullPath || entry.name))
          (top ? loose : inFolders).push({ path: entry.fullPath || entry.name, file: await fileOf(entry) });
      } else if (isDirectory(entry)) {
        for (const child of await childrenOf(entry)) await walk(child, false);
      }
    } catch (error) {
      options.onUnreadable?.(entry.fullPath || entry.name, error);
    }
  };
  for (const entry of entries) await walk(entry, true);
  return [...loose.sort(byPath), ...inFolders.sort(byPath)].map(({ file }) => file);
}

const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every child of a folder: `readEntries` returns them in batches (100 in Chromium) until an empty one. */
async function childrenOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}
