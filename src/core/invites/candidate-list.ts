import { readCsv, type CsvRecord } from './csv.ts';
import { MAX_EXTRA_TIME_PERCENT } from './duration.ts';

/**
 * The list of people to invite, as a hiring team pastes it or exports it from a
 * spreadsheet. Two shapes are read:
 *
 * - lines: `Name <email>`, `Name, email` (or `;` or a tab), `Name email`, just an
 *   email, or just a name (the invite then names the person without an email);
 * - CSV with a header row naming `name` and/or `email`, and optionally
 *   `extra_time_percent` (extra time for this person, overriding the default).
 *
 * Every line that cannot be read is reported with its line number and why; a
 * person listed twice (same email, or same name when there is no email) is
 * reported at the second line and invited once.
 */

export interface InviteCandidate {
  /** 1-based line of the pasted text or file. */
  line: number;
  name: string;
  /** Empty when the person was listed by name only. */
  email: string;
  /** From the CSV's `extra_time_percent` column; null = use the default. */
  extraTimePercent: number | null;
}

export interface CandidateListProblem {
  line: number;
  /** The line as written (cut to 120 characters). */
  text: string;
  message: string;
}

export interface CandidateList {
  format: 'lines' | 'csv';
  candidates: InviteCandidate[];
  problems: CandidateListProblem[];
}

const MAX_NAME = 200;
const MAX_EMAIL = 320;
const EMAIL = /^[^\s@<>()[\]\\,;:"']+@[^\s@<>()[\]\\,;:"']+\.[^\s@<>()[\]\\,;:"'.]+$/;
const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];

export function isEmailAddress(text: string): boolean {
  return text.length <= MAX_EMAIL && EMAIL.test(text);
}

export function parseCandidateList(text: string): CandidateList {
  const source = text.replace(/^\uFEFF/, '');
  const header = csvHeader(source);
  const list: CandidateList = header
    ? { format: 'csv', ...readCsvRows(source, header) }
    : { format: 'lines', ...readLines(source) };
  return dropDuplicates(list);
}

interface Parsed {
  candidates: InviteCandidate[];
  problems: CandidateListProblem[];
}

type Entry = { name: string; email: string; extraTimePercent?: number | null } | { problem: string };

interface Header {
  delimiter: Delimiter;
  name: number;
  email: number;
  extra: number;
}

/** A header row names `name` or `email` (any case, optional quotes) and holds no address. */
function csvHeader(source: string): Header | null {
  const first = source.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (!first || first.includes('@')) return null;
  for (const delimiter of DELIMITERS) {
    const cells = (readCsv(first, delimiter).records[0]?.fields ?? []).map((c) =>
      c
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
    );
    const name = cells.indexOf('name');
    const email = cells.indexOf('email');
    if ((name >= 0 || email >= 0) && cells.length > 1) {
      return { delimiter, name, email, extra: cells.indexOf('extra_time_percent') };
    }
  }
  return null;
}

function readCsvRows(source: string, header: Header): Parsed {
  const { records, unterminatedAt } = readCsv(source, header.delimiter);
  const out: Parsed = { candidates: [], problems: [] };
  const lines = source.split(/\r\n|\n|\r/);
  // The first record is the header.
  for (const record of records.slice(1)) {
    const text = lines[record.line - 1] ?? '';
    if (record.fields.every((f) => f.trim() === '')) continue;
    add(out, record.line, text, fromCsvRecord(record, header));
  }
  if (unterminatedAt !== null)
    out.problems.push({
      line: unterminatedAt,
      text: cut(lines[unterminatedAt - 1] ?? ''),
      message: 'a quoted field is never closed (a missing ")',
    });
  return out;
}

function fromCsvRecord(record: CsvRecord, header: Header): Entry {
  const cell = (index: number) => (index >= 0 ? (record.fields[index] ?? '').trim() : '');
  const name = normaliseName(cell(header.name));
  const email = cell(header.email);
  const extraText = cell(header.extra).replace(/\s*%$/, '');
  if (!name && !email) return { problem: 'no name and no email' };
  if (email && !isEmailAddress(email)) return { problem: `“${cut(email, 60)}” is not an email address` };
  let extraTimePercent: number | null = null;
  if (extraText !== '') {
    extraTimePercent = Number(extraText);
    if (!/^\d+(\.\d+)?$/.test(extraText) || extraTimePercent > MAX_EXTRA_TIME_PERCENT)
      return {
        problem: `extra_time_percent “${cut(extraText, 20)}” is not a percentage from 0 to ${MAX_EXTRA_TIME_PERCENT}`,
      };
  }
  return { name, email, extraTimePercent };
}

function readLines(source: string): Parsed {
  const out: Parsed = { candidates: [], problems: [] };
  source.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    add(out, index + 1, raw, fromLine(text));
  });
  return out;
}

/** One pasted line: `Name <email>`, `Name, email`, `Name email`, `email` or `Name`. */
function fromLine(text: string): Entry {
  const angle = /^(.*?)\s*<([^<>]*)>[\s,;]*$/.exec(text);
  if (angle) {
    const email = (angle[2] ?? '').trim().replace(/^mailto:/i, '');
    if (!isEmailAddress(email)) return { problem: `“${cut(email, 60)}” is not an email address` };
    return { name: normaliseName(angle[1] ?? ''), email };
  }
  if (/[<>]/.test(text)) return { problem: 'a “<” or “>” without its pair: write Name <email>' };
  if (!text.includes('@')) return { name: normaliseName(text), email: '' };
  const parts = text
    .split(/\s*[,;\t]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  // No delimiter: "Ada Lovelace ada@example.org" (the address is the last word).
  const pieces = parts.length === 1 ? splitLastWord(parts[0] ?? '') : parts;
  const emails = pieces.filter((p) => p.includes('@'));
  if (emails.length > 1) return { problem: 'more than one email address on this line' };
  const email = emails[0] ?? '';
  if (!isEmailAddress(email)) return { problem: `“${cut(email, 60)}” is not an email address` };
  return { name: normaliseName(pieces.filter((p) => p !== email).join(', ')), email };
}

function splitLastWord(text: string): string[] {
  const at = text.lastIndexOf(' ');
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

function add(out: Parsed, line: number, text: string, entry: Entry): void {
  if ('problem' in entry) {
    out.problems.push({ line, text: cut(text.trim()), message: entry.problem });
    return;
  }
  if (entry.name.length > MAX_NAME) {
    out.problems.push({ line, text: cut(text.trim()), message: `the name is longer than ${MAX_NAME} characters` });
    return;
  }
  if (entry.email === '' && !/\p{L}/u.test(entry.name)) {
    out.problems.push({ line, text: cut(text.trim()), message: 'neither a name nor an email address' });
    return;
  }
  out.candidates.push({ line, name: entry.name, email: entry.email, extraTimePercent: entry.extraTimePercent ?? null });
}

/** The same person twice (email, else name, ignoring case) is refused at the later line. */
function dropDuplicates(list: CandidateList): CandidateList {
  const seen = new Map<string, number>();
  const candidates: InviteCandidate[] = [];
  const problems = [...list.problems];
  for (const candidate of list.candidates) {
    const key = candidate.email ? `email:${candidate.email.toLowerCase()}` : `name:${candidate.name.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        line: candidate.line,
        text: cut(candidate.email ? `${candidate.name} <${candidate.email}>`.trim() : candidate.name),
        message: `duplicate of line ${first} (${candidate.email ? 'same email' : 'same name'})`,
      });
      continue;
    }
    seen.set(key, candidate.line);
    candidates.push(candidate);
  }
  problems.sort((a, b) => a.line - b.line);
  return { format: list.format, candidates, problems };
}

/** Trims, drops wrapping quotes, and collapses runs of white space. */
function normaliseName(text: string): string {
  return text
    .trim()
    .replace(/^(["'])(.*)\1$/s, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

function cut(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
