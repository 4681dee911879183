import { AssayError } from '../errors.ts';
import { formatJsonPath } from './path.ts';

interface Frame {
  /** Keys seen so far in this object; null for an array (or an object before its first key). */
  keys: Set<string> | null;
  isObject: boolean;
  /** In an object: the next string is a key. */
  expectKey: boolean;
  /** The current key (object) or index (array), for the path. */
  at: string | number;
}

/**
 * Refuses an object that names the same key twice. RFC 8259 §4 says names "SHOULD
 * be unique" and that receivers differ on duplicates; JSON.parse keeps the last one,
 * so a key inserted before the real one is invisible to every reader and yet
 * changes the file's bytes (and its SHA-256) without changing what is signed
 * (RFC 8785 canonicalisation sees the parsed value). RFC 7493 (I-JSON) §2.3 makes
 * unique names a MUST: so do we, for every format.
 *
 * Runs on text JSON.parse has accepted, so it can skip what it does not need: it
 * looks only at strings (found with indexOf, the bulk of a result file is critique
 * text) and at the structural characters between them. Keys with escapes are
 * decoded (`"a"` and `"\u0061"` are the same key). Nesting is already bounded by
 * the caller's depth check, and the stack is explicit: no recursion.
 */
export function checkDuplicateKeys(text: string): void {
  const stack: Frame[] = [];
  let top: Frame | undefined;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: find its closing quote, one not preceded by an odd run of backslashes.
      const start = i;
      let end = text.indexOf('"', i + 1);
      for (;;) {
        let slashes = 0;
        for (let k = end - 1; text.charCodeAt(k) === 0x5c; k--) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      i = end;
      if (top?.isObject && top.expectKey) {
        // Only within the key (indexOf could run far past it, for every key).
        let escaped = false;
        for (let k = start + 1; k < end && !escaped; k++) escaped = text.charCodeAt(k) === 0x5c;
        const key = escaped ? (JSON.parse(text.slice(start, end + 1)) as string) : text.slice(start + 1, end);
        top.keys ??= new Set();
        if (top.keys.has(key)) throw duplicate(text, start, stack, key);
        top.keys.add(key);
        top.at = key;
        top.expectKey = false;
      }
    } else if (c === 0x7b) {
      top = { keys: null, isObject: true, expectKey: true, at: '' };
      stack.push(top);
    } else if (c === 0x5b) {
      top = { keys: null, isObject: false, expectKey: false, at: 0 };
      stack.push(top);
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      top = stack[stack.length - 1];
    } else if (c === 0x2c && top) {
      if (top.isObject) top.expectKey = true;
      else (top.at as number)++;
    }
  }
}

function duplicate(text: string, index: number, stack: readonly Frame[], key: string): AssayError {
  // The path of the second occurrence: every enclosing key or index, then this key.
  const path = formatJsonPath([...stack.slice(0, -1).map((f) => f.at), key]);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++)
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  const column = index - lineStart + 1;
  return new AssayError(
    'DUPLICATE_KEY',
    `The key ${JSON.stringify(key)} appears twice in the same object (the second time at ${path}, line ${line}, column ${column}): a file must name each field once, so this one was changed by hand or by another program.`,
    [{ path, message: `duplicate key ${JSON.stringify(key)} (line ${line}, column ${column})` }],
  );
}
