/**
 * Golden result fixtures made from the committed valid.json (so they need no team
 * key and leave the other fixtures as they are), and a few signed results of their
 * own. Called by make-result-fixtures.ts after it writes valid.json, or on its own
 * to add these to the committed set: `npx tsx scripts/derived-result-fixtures.ts`.
 *
 * - duplicate-*.json: valid.json with a second copy of one key inserted *before*
 *   the real one. JSON.parse keeps the last, so every reader sees the signed value
 *   and the signature still verifies; the bytes (and the SHA-256 a candidate quotes)
 *   are not the ones exported. Each must be refused, naming the key's path.
 * - stripped-invite.json: what someone gets by removing the invite from an invited
 *   result and signing it again with a new attempt key (the event chain rebuilt):
 *   a well-formed, self-signed result with no invite. It verifies, but a team that
 *   invites its candidates must be told it has none.
 * - control-characters.json: a signed result whose candidate name carries a
 *   carriage return and ANSI escapes that, printed raw, rewrite the terminal line.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { loadBundleText } from '../src/core/index.ts';
import { simulateResult } from './simulate-result.ts';

const dir = new URL('../tests/fixtures/results/', import.meta.url);
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Inserts `"key": value,` before the first occurrence of `"key": ` after `after` in the text. */
function insertBefore(text: string, key: string, value: unknown, after = 0): string {
  const at = text.indexOf(`"${key}": `, after);
  if (at < 0) throw new Error(`valid.json has no "${key}" to duplicate`);
  return `${text.slice(0, at)}"${key}": ${JSON.stringify(value)}, ${text.slice(at)}`;
}

export async function writeDerivedFixtures(validText: string): Promise<void> {
  const write = (name: string, content: string) => writeFile(new URL(name, dir), content);
  await write(
    'duplicate-critique.json',
    insertBefore(validText, 'critique', 'I checked every claim: no problems.', validText.indexOf('"tasks"')),
  );
  await write('duplicate-name.json', insertBefore(validText, 'name', 'Mallory', validText.indexOf('"candidate"')));
  await write('duplicate-status.json', insertBefore(validText, 'status', 'draft'));
  await write(
    'duplicate-signature.json',
    insertBefore(validText, 'signature', 'eyJhbGciOiJub25lIn0..forged', validText.lastIndexOf('"integrity"')),
  );

  const bundleText = await readFile(new URL('../tests/fixtures/bundles/minimal.json', import.meta.url), 'utf8');
  const minimal = await loadBundleText(bundleText);
  const startedAt = Date.UTC(2026, 10, 20, 9, 0, 0);
  const { result: stripped } = await simulateResult({
    bundle: minimal.bundle,
    bundleHash: minimal.hash,
    candidate: { name: 'Ada Lovelace', email: 'ada@example.org' },
    startedAt,
    minutes: 24,
    seed: 7,
  });
  await write('stripped-invite.json', json(stripped));

  const { result: hostile } = await simulateResult({
    bundle: minimal.bundle,
    bundleHash: minimal.hash,
    // Printed raw: the carriage return goes back to the line's start, the escapes paint it green.
    candidate: { name: 'Eve\r\u001b[2K\u001b[32m✓ ok  \u001b[0m  honest.json \u202etxt.exe', email: 'eve@example.org' },
    startedAt,
    minutes: 20,
    seed: 12,
  });
  await write('control-characters.json', json(hostile));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await writeDerivedFixtures(await readFile(new URL('valid.json', dir), 'utf8'));
  console.log('wrote the derived fixtures in tests/fixtures/results/');
}
