import { AssayError } from '../errors.ts';

/**
 * Strict UTF-8 for every file that comes in (RFC 8259 §8.1: JSON exchanged between
 * systems "MUST be encoded using UTF-8"). One UTF-8 byte order mark is allowed and
 * dropped (editors on Windows write one; RFC 8259 lets a parser ignore it); a
 * UTF-16 or UTF-32 file, a second BOM, or bytes that are not UTF-8 are refused with
 * where they are and what to do, instead of being decoded into replacement
 * characters or silently skipped, so the CLI and the app read the same text.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const utf16 = utf16Kind(bytes);
  if (utf16) throw notUtf8(`This file is saved as ${utf16}: save it as UTF-8 and try again.`);
  let text: string;
  try {
    // ignoreBOM keeps the mark in the text, so it is counted (and a second one seen) below.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    const { line, column } = lineColumnOfByte(bytes, at);
    throw notUtf8(
      `This file is not valid UTF-8: at line ${line}, column ${column} (byte ${at.toLocaleString('en')}) there is a byte that is not UTF-8 text. Save the file as UTF-8 and try again.`,
    );
  }
  return stripByteOrderMark(text);
}

/**
 * Drops one leading byte order mark; refuses a second (a file saved twice by a tool
 * that adds one each time). JSON.parse would refuse it at "line 1" with no hint.
 */
export function stripByteOrderMark(text: string): string {
  if (text.charCodeAt(0) !== 0xfeff) return text;
  if (text.charCodeAt(1) === 0xfeff)
    throw notUtf8(
      'This file starts with two byte order marks (U+FEFF): save it as UTF-8 (with one byte order mark, or none) and try again.',
    );
  return text.slice(1);
}

function notUtf8(message: string): AssayError {
  return new AssayError('NOT_UTF8', message);
}

function utf16Kind(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe) return c === 0 && d === 0 ? 'UTF-32 (little-endian)' : 'UTF-16 (little-endian)';
  if (a === 0xfe && b === 0xff) return 'UTF-16 (big-endian)';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32 (big-endian)';
  // No mark, but JSON starts with ASCII: "{\0" or "\0{" is UTF-16 text.
  if (bytes.length >= 4 && a !== 0 && b === 0 && c !== 0 && d === 0) return 'UTF-16 (little-endian)';
  if (bytes.length >= 4 && a === 0 && b !== 0 && c === 0 && d !== 0) return 'UTF-16 (big-endian)';
  return null;
}

/** The index of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629 §4). */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if (k === 1 ? next < lo || next > hi : next < 0x80 || next > 0xbf) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** 1-based line and column (in characters) of a byte offset; the bytes before it are valid UTF-8. */
function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(lineStart, offset));
  return { line, column: [...before].length + 1 };
}
