import { AssayError } from '../core/index.ts';

/** A picked or dropped file's text, refused before it is read when larger than `maxBytes`. */
export async function readTextFile(file: File, maxBytes: number, what = 'file'): Promise<string> {
  if (file.size > maxBytes)
    throw new AssayError(
      'FILE_TOO_LARGE',
      `${file.name} is too large for a ${what} (${Math.ceil(file.size / 1024).toLocaleString('en')} KB; the limit is ${Math.round(maxBytes / 1024).toLocaleString('en')} KB).`,
    );
  return file.text();
}
