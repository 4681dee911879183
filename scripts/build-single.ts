/**
 * `npm run build:single`: the whole app as one self-contained HTML file, for
 * take-home use from disk (file://). Builds with `--mode single`, then writes the
 * Content-Security-Policy with the SHA-256 of each inline script (no
 * 'unsafe-inline'). Writes dist-single/assay.html, and a copy into dist/ as the
 * template the hiring team's "take-home copy" is made from.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cspMeta } from './csp.ts';
import { CSP_PLACEHOLDER } from './vite-plugin-csp.ts';

execFileSync('npx', ['vite', 'build', '--mode', 'single', '--logLevel', 'warn'], { stdio: 'inherit' });
const file = 'dist-single/index.html';
let html = readFileSync(file, 'utf8');
// Vite puts the (now inlined) entry script in <head>. Its code contains markup such
// as "<head></head>" (DOMPurify), so text searches for "</head>" or "</body>" would
// land inside the script: a take-home copy made by inserting its bundle before the
// first "</head>" (makeTakeHomeHtml) came out broken. Moved to the end of <body> (a
// module script runs after parsing either way), everything before it is plain HTML.
const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>\n?/g)].map((m) => m[0]);
for (const script of inlineScripts) html = html.replace(script, '');
const bodyEnd = html.lastIndexOf('</body>');
if (bodyEnd < 0) throw new Error('build-single: no </body>');
html = `${html.slice(0, bodyEnd)}${inlineScripts.map((s) => `  ${s.trimEnd()}\n`).join('')}  ${html.slice(bodyEnd)}`;
const hashes: string[] = [];
for (const match of html.matchAll(
  /<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g,
)) {
  hashes.push(
    `'sha256-${createHash('sha256')
      .update(match[1] ?? '', 'utf8')
      .digest('base64')}'`,
  );
}
if (hashes.length === 0) throw new Error('build-single: no inline script found');
if (!html.includes(CSP_PLACEHOLDER)) throw new Error('build-single: the CSP placeholder is missing');
html = html.replace(CSP_PLACEHOLDER, cspMeta(hashes));
// What makeTakeHomeHtml relies on: the body ends after the last inline script.
if (html.indexOf('</body>', html.lastIndexOf('</script>')) < 0)
  throw new Error('build-single: no </body> after the last inline script');
writeFileSync('dist-single/assay.html', html);
const size = Buffer.byteLength(html);
console.log(
  `dist-single/assay.html: ${(size / 1024).toFixed(0)} KB, ${(gzipSync(html, { level: 9 }).length / 1024).toFixed(0)} KB gzip, ${hashes.length} inline script(s) hashed`,
);
if (existsSync('dist')) {
  copyFileSync('dist-single/assay.html', 'dist/assay-take-home.html');
  console.log('copied to dist/assay-take-home.html (the template for take-home copies)');
}
