/**
 * Take-home copies: the single-file build of the app with a bundle (and optionally
 * an invite) embedded in a `<script type="application/json">` block, which the app
 * reads at start. A JSON block is data, not script: the Content-Security-Policy's
 * script hashes do not cover it and need not.
 */
import { EMBEDDED_ID, type Embedded } from './embedded.ts';

/** JSON that is safe inside a <script> element: `<` never appears as itself. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The single-file app with `embedded` inside, as the last element of the body.
 * The app's own script is inline and may contain any text (even "</head>"), but
 * never a literal "</script>": the document's structure resumes after the last
 * one. Throws when `template` is not the single-file build or already carries an
 * exercise.
 */
export function makeTakeHomeHtml(template: string, embedded: Embedded): string {
  const opening = `<script type="application/json" id="${EMBEDDED_ID}">`;
  const lastScriptEnd = template.lastIndexOf('</script>');
  const bodyEnd = lastScriptEnd < 0 ? -1 : template.indexOf('</body>', lastScriptEnd);
  if (bodyEnd < 0) throw new Error('This is not the Assay single-file build (no inline script before </body>).');
  if (template.startsWith(opening, template.lastIndexOf('<script')))
    throw new Error('This file already has an exercise embedded.');
  const block = `${opening}${jsonForScript(embedded)}</script>\n`;
  return template.slice(0, bodyEnd) + block + template.slice(bodyEnd);
}

/**
 * The invite token in what the hiring team pasted: a whole invite link (the token is
 * its `invite` parameter, in the hash or the query) or the bare token. Null when
 * the text is empty; throws when it holds no token.
 */
export function inviteTokenFromText(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(trimmed)) return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error('This is neither an invite link nor an invite token.');
  }
  const hashQuery = url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?') + 1) : '';
  const token = new URLSearchParams(hashQuery).get('invite') ?? url.searchParams.get('invite');
  if (!token) throw new Error('This link has no invite in it (no “invite=” part).');
  return token;
}
