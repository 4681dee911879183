/**
 * Characters that change how text around them is shown without showing
 * themselves: C0 controls (a carriage return rewrites a terminal line, ESC starts
 * an ANSI sequence), DEL, C1 controls (U+0080–U+009F, CSI among them), the bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069; Unicode
 * UAX #9, and the "Trojan Source" attack, CVE-2021-42574) and the line and
 * paragraph separators U+2028/U+2029. Strings from files (a candidate's name, a
 * bundle's title) pass through {@link visibleText} wherever Assay prints or shows
 * them, so what a reader sees is what the file says.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with each such character written as a visible escape: `\r`, `\n`, `\t`,
 * `\x1b` (other C0 and DEL), `\u0085` (C1), `\u202e` (bidi, separators).
 * `visibleText('Eve\r\u001b[32m')` → `Eve\r\x1b[32m` (as typed characters).
 */
export function visibleText(text: string): string {
  INVISIBLE.lastIndex = 0;
  if (!INVISIBLE.test(text)) return text;
  return text.replace(INVISIBLE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0 controls, but not DEL, C1
 * controls, bidi controls or U+2028/U+2029; they are written as `\uXXXX`, which
 * any JSON reader decodes back to the same string.
 */
export function terminalJson(value: unknown, space = 2): string {
  return JSON.stringify(value, null, space).replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
