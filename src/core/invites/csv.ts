/**
 * CSV as RFC 4180 writes it (CRLF line ends, fields with `"`, `,`, CR or LF quoted,
 * quotes doubled), with the one change spreadsheets need: a cell that could open a
 * formula is prefixed with `'`, so opening the file runs no formula. Reading is
 * tolerant: `,`, `;` or tab as delimiter.
 *
 * The neutralising rule follows OWASP's "CSV Injection" guidance (prefix `'` to a
 * cell that begins with `=`, `+`, `-`, `@`, tab or carriage return), widened to
 * what spreadsheets are known to do before they look at the first character:
 * - they trim leading white space, so " =1+1" is a formula too. White space here is
 *   every Unicode space (`\s`: space, no-break space U+00A0, U+2000–U+200A, …)
 *   and the invisible characters a paste can carry that some importers drop: the
 *   byte order mark U+FEFF, zero-width space, non-joiner and joiner
 *   (U+200B–U+200D), word joiner U+2060, soft hyphen U+00AD;
 * - East Asian locales of Excel and LibreOffice read the full-width forms ＝ ＋ － ＠
 *   (U+FF1D, U+FF0B, U+FF0D, U+FF20) like their ASCII twins, and the small forms
 *   ﹦ ﹢ ﹣ ﹫ (U+FE66, U+FE62, U+FE63, U+FE6B) are folded to them by NFKC.
 * So: skip any run of those leading characters, and if what follows starts a
 * formula, the whole cell is prefixed with `'` (its text otherwise unchanged, so
 * the file still says exactly what was typed). A plain number ("-3", "+0.5") is
 * the one exception: it cannot be a formula and must stay a number.
 */

/** Characters a spreadsheet may skip before it decides whether a cell is a formula. */
const SKIPPED = /^[\s\u00ad\u200b-\u200d\u2060\ufeff]*/;
/** What starts a formula once the skipped characters are gone (tab and CR are in \s, so caught above). */
const FORMULA_START = /^[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** A plain number (a negative score, say) cannot be a formula and stays a number. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** Whether a spreadsheet could read this cell as a formula (see the rule above). */
function couldBeFormula(value: string): boolean {
  if (PLAIN_NUMBER.test(value)) return false;
  const skipped = (SKIPPED.exec(value) as RegExpExecArray)[0].length;
  // A tab or CR first is itself on OWASP's list, whatever follows it.
  if (skipped > 0 && /^[\t\r]/.test(value)) return true;
  return FORMULA_START.test(value.slice(skipped));
}

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: string): string {
  const safe = couldBeFormula(value) ? `'${value}` : value;
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
