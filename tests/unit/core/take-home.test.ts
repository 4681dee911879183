import { describe, expect, it } from 'vitest';
import { EMBEDDED_ID, inviteTokenFromText, jsonForScript, makeTakeHomeHtml } from '../../../src/core/index.ts';

// Like the single-file build: an inline module script whose text holds markup-like strings.
const template = [
  '<!doctype html><html><head><meta charset="utf-8"><title>Assay</title></head>',
  '<body><div id="app"></div>',
  '<script type="module">const a = "</head><body>"; const b = `<script type="application/json" id="${"x"}">`;</script>',
  '</body></html>',
].join('\n');

describe('makeTakeHomeHtml', () => {
  it('puts the exercise after the app script, before </body>, leaving the script untouched', () => {
    const html = makeTakeHomeHtml(template, { bundle: { id: 'b' }, invite: 'a.b.c' });
    const script = template.slice(template.indexOf('<script type="module">'), template.lastIndexOf('</script>') + 9);
    expect(html).toContain(script);
    const at = html.indexOf(`<script type="application/json" id="${EMBEDDED_ID}">`);
    expect(at).toBeGreaterThan(html.indexOf(script));
    expect(html.slice(at)).toMatch(
      /^<script[^>]*>\{"bundle":\{"id":"b"\},"invite":"a\.b\.c"\}<\/script>\n<\/body><\/html>$/,
    );
  });

  it('refuses a file that already carries an exercise, and one that is not the single-file build', () => {
    const once = makeTakeHomeHtml(template, { bundle: {} });
    expect(() => makeTakeHomeHtml(once, { bundle: {} })).toThrow(/already has an exercise/);
    expect(() => makeTakeHomeHtml('<html><body></body></html>', { bundle: {} })).toThrow(/not the Assay single-file/);
  });

  it('escapes what could end the block early', () => {
    const text = jsonForScript({ s: '</script><script>alert(1)</script>\u2028' });
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual({ s: '</script><script>alert(1)</script>\u2028' });
  });
});

describe('inviteTokenFromText', () => {
  const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';
  it('finds the token in a link, in its hash or its query, or takes a bare token', () => {
    expect(inviteTokenFromText(`https://example.org/assay/#/take?src=b.json&invite=${token}`)).toBe(token);
    expect(inviteTokenFromText(`https://example.org/?invite=${token}`)).toBe(token);
    expect(inviteTokenFromText(`  ${token}\n`)).toBe(token);
    expect(inviteTokenFromText('   ')).toBeNull();
  });
  it('says what is wrong otherwise', () => {
    expect(() => inviteTokenFromText('https://example.org/#/take?src=b.json')).toThrow(/no invite/);
    expect(() => inviteTokenFromText('hello there')).toThrow(/neither an invite link nor/);
  });
});
