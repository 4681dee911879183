/**
 * CSV as RFC 4180 writes it (CRLF line ends, fields with `"`, `,`, CR or LF quoted,
 * quotes doubled), with the one change spreadsheets need: a cell that starts with
 * `=`, `+`, `-` or `@` (or a tab or CR, which some spreadsheets skip before
 * reading a formula) is prefixed with `'`, so opening the file runs no formula
 * (OWASP, "CSV Injection"). Reading is tolerant: `,`, `;` or tab as delimiter.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** A plain number (a negative score, say) cannot be a formula and stays a number. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text, each record ending in CRLF (RFC 4180 §2.1–2.2). */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvReadResult {
  records: CsvRecord[];
  /** Set when a quoted field is never closed: the line where it opened. */
  unterminatedAt: number | null;
}

/**
 * Reads CSV text (RFC 4180 §2, plus a leading byte-order mark, bare LF line ends
 * and a choice of delimiter). Empty lines are skipped.
 */
export function readCsv(text: string, delimiter: ',' | ';' | '\t' = ','): CsvReadResult {
  const source = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteOpenedAt = 0;
  let touched = false;

  const endRecord = () => {
    fields.push(field);
    if (touched || fields.length > 1 || field !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    touched = false;
  };

  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && field.trim() === '') {
      quoted = true;
      quoteOpenedAt = line;
      touched = true;
      field = '';
    } else if (char === delimiter) {
      fields.push(field);
      field = '';
      touched = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) return { records, unterminatedAt: quoteOpenedAt };
  endRecord();
  return { records, unterminatedAt: null };
}
