/**
 * One corpus of bad (and borderline) files, run through the CLI and the app's
 * readers alike (tests/component/lib/bad-files.test.ts, tests/e2e/bad-bundles.e2e.ts):
 * both must give the same verdict and the same message.
 */
import { readFileSync } from 'node:fs';

const MB = 1024 * 1024;
const minimalText = readFileSync('tests/fixtures/bundles/minimal.json', 'utf8');
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

export interface BadFile {
  name: string;
  file: string;
  bytes: () => Uint8Array<ArrayBuffer>;
  /** null: the file is valid and opens; otherwise what the message must say. */
  says: RegExp | null;
}

function withDuplicateTitle(): string {
  const at = minimalText.indexOf('"title"');
  return `${minimalText.slice(0, at)}"title": "Not the title that was hashed", ${minimalText.slice(at)}`;
}

export const BAD_BUNDLES: BadFile[] = [
  {
    name: 'a UTF-16 (little-endian) file with a byte order mark',
    file: 'utf16le.json',
    bytes: () => concat(new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(minimalText, 'utf16le'))),
    says: /saved as UTF-16 \(little-endian\): save it as UTF-8/,
  },
  {
    name: 'a UTF-16 (big-endian) file with a byte order mark',
    file: 'utf16be.json',
    bytes: () => concat(new Uint8Array([0xfe, 0xff]), new Uint8Array(Buffer.from(minimalText, 'utf16le').swap16())),
    says: /saved as UTF-16 \(big-endian\): save it as UTF-8/,
  },
  {
    name: 'a file with two byte order marks',
    file: 'two-boms.json',
    bytes: () => concat(BOM, BOM, utf8(minimalText)),
    says: /two byte order marks/,
  },
  {
    name: 'a file with a Latin-1 byte',
    file: 'latin1.json',
    bytes: () => utf8(minimalText.replace('"title": "', '"title": "caf\u0000')).map((b) => (b === 0 ? 0xe9 : b)),
    says: /not valid UTF-8: at line 5, column 16/,
  },
  {
    name: 'a bundle with two "title" keys',
    file: 'two-titles.json',
    bytes: () => utf8(withDuplicateTitle()),
    says: /The key "title" appears twice.*\$\.title, line 5, column \d+/,
  },
  {
    name: 'a 6 MB bundle (under the 20 MB of a result)',
    file: 'six-mb.json',
    bytes: () => utf8(minimalText + ' '.repeat(6 * MB - Buffer.byteLength(minimalText))),
    says: /This bundle is 6,291,456 bytes; bundles are limited to 5 MB \(5,242,880 bytes\)/,
  },
  {
    name: 'a bundle with one byte order mark',
    file: 'one-bom.json',
    bytes: () => concat(BOM, utf8(minimalText)),
    says: null,
  },
];
