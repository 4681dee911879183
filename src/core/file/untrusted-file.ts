/**
 * The one boundary every untrusted file crosses, in the app and in the CLI alike:
 * bytes in, with the kind of file expected; the same size limit, the same decoding
 * (strict UTF-8, see decode-text.ts) and the same JSON rules (parse-untrusted-json.ts)
 * out. The app reads a File's bytes and the CLI a path's bytes, then both call
 * these functions, so a file refused by one is refused by the other with the same
 * words (tests/component/lib/bad-files.test.ts runs one corpus through both).
 */
import { AssayError } from '../errors.ts';
import { parseUntrustedJson, type UntrustedJsonLimits } from '../json/parse-untrusted-json.ts';
import { MAX_BUNDLE_BYTES, MAX_RESULT_BYTES } from './limits.ts';
import { decodeUtf8 } from './decode-text.ts';

export type FileKind =
  'bundle' | 'key' | 'result' | 'reviews' | 'team-key' | 'team-key-backup' | 'workspace-backup' | 'candidate-list';

const MB = 1024 * 1024;

interface KindInfo {
  /** Refused above this many bytes, before they are decoded. */
  maxBytes: number;
  /** "a bundle", in messages. */
  noun: string;
  plural: string;
  /** The `format` family of the JSON kinds ("assay.bundle"); null for plain text. */
  family: string | null;
}

/**
 * Size limits per kind. A key annotates one bundle, so it gets the bundle's limit; a
 * team key or its backup is a few kilobytes; a workspace backup holds every result.
 */
export const FILE_KINDS: Readonly<Record<FileKind, KindInfo>> = {
  bundle: { maxBytes: MAX_BUNDLE_BYTES, noun: 'bundle', plural: 'bundles', family: 'assay.bundle' },
  key: { maxBytes: 5 * MB, noun: 'answer key', plural: 'answer keys', family: 'assay.key' },
  result: { maxBytes: MAX_RESULT_BYTES, noun: 'result file', plural: 'result files', family: 'assay.result' },
  reviews: { maxBytes: 20 * MB, noun: 'reviews file', plural: 'reviews files', family: 'assay.reviews' },
  'team-key': { maxBytes: 1 * MB, noun: 'team key file', plural: 'team key files', family: 'assay.team-key' },
  'team-key-backup': {
    maxBytes: 1 * MB,
    noun: 'team key backup',
    plural: 'team key backups',
    family: 'assay.team-key-backup',
  },
  'workspace-backup': {
    maxBytes: 500 * MB,
    noun: 'workspace backup',
    plural: 'workspace backups',
    family: 'assay.workspace',
  },
  'candidate-list': { maxBytes: 2 * MB, noun: 'list of candidates', plural: 'lists of candidates', family: null },
};

/**
 * A file that may be one of several kinds is read up to this size to learn which
 * (its `format`), then held to that kind's own limit: so a 6 MB bundle gets the
 * bundle's message whether the reader expected only bundles or anything.
 */
const IDENTIFY_LIMIT = MAX_RESULT_BYTES;

/**
 * Refuses, before reading, a file larger than `kinds` allow: the kind's limit for
 * one kind, and for several {@link IDENTIFY_LIMIT} (or the largest of theirs).
 */
export function assertFileSize(bytes: number, kinds: FileKind | readonly FileKind[]): void {
  const list = typeof kinds === 'string' ? [kinds] : kinds;
  const largest = Math.max(...list.map((k) => FILE_KINDS[k].maxBytes));
  if (bytes <= (list.length === 1 ? largest : Math.max(largest, IDENTIFY_LIMIT))) return;
  const n = (x: number) => x.toLocaleString('en');
  // Bytes, not rounded megabytes: a file just over the limit must not read "5.0 MB; the limit is 5.0 MB".
  const limit = `${formatMegabytes(largest)} (${n(largest)} bytes)`;
  if (list.length === 1) {
    const info = FILE_KINDS[list[0] as FileKind];
    throw new AssayError(
      'FILE_TOO_LARGE',
      `This ${info.noun} is ${n(bytes)} bytes; ${info.plural} are limited to ${limit}.`,
    );
  }
  throw new AssayError(
    'FILE_TOO_LARGE',
    `This file is ${n(bytes)} bytes; no ${orList(list.map((k) => FILE_KINDS[k].noun))} may be larger than ${limit}.`,
  );
}

/** A file's text: its size checked for `kind`, then decoded as strict UTF-8 (one leading BOM dropped). */
export function decodeUntrustedText(bytes: Uint8Array, kind: FileKind): string {
  assertFileSize(bytes.byteLength, kind);
  return decodeUtf8(bytes);
}

/** A JSON file's value: {@link decodeUntrustedText}, then {@link parseUntrustedJson}. */
export function readUntrustedJson(bytes: Uint8Array, kind: FileKind, limits: UntrustedJsonLimits = {}): unknown {
  return parseUntrustedJson(decodeUntrustedText(bytes, kind), limits);
}

/**
 * The kind of Assay file a parsed value is, told by the family of its `format`
 * ("assay.key/9" is a key, of a version this Assay may not read): null when it is
 * not an Assay file at all. Readers that take several kinds route by this, and the
 * reader of that kind then names the version it cannot read.
 */
export function assayFileKind(document: unknown): FileKind | null {
  const format = (document as { format?: unknown } | null)?.format;
  if (typeof format !== 'string') return null;
  const family = format.slice(0, format.lastIndexOf('/'));
  for (const [kind, info] of Object.entries(FILE_KINDS))
    if (info.family !== null && info.family === family) return kind as FileKind;
  return null;
}

/**
 * Reads a file that may be one of several kinds (the CLI's `validate`, the
 * workspace's setup files): at most {@link IDENTIFY_LIMIT} before decoding, then
 * parsed, then held to its own kind's limit once its `format` tells the kind.
 */
export function readAssayFile(
  bytes: Uint8Array,
  kinds: readonly FileKind[],
): { kind: FileKind | null; document: unknown } {
  assertFileSize(bytes.byteLength, kinds);
  const document = parseUntrustedJson(decodeUtf8(bytes));
  const kind = assayFileKind(document);
  if (kind) assertFileSize(bytes.byteLength, kind);
  return { kind, document };
}

/** The noun of a kind, for messages ("answer key"). */
export function fileKindNoun(kind: FileKind): string {
  return FILE_KINDS[kind].noun;
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / MB;
  return Number.isInteger(mb) ? `${mb} MB` : `${mb.toFixed(1)} MB`;
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
