import { describe, expect, it } from 'vitest';
import {
  AssayError,
  csvCell,
  inviteDuration,
  MAX_INVITE_MINUTES,
  parseCandidateList,
  readCsv,
  writeCsv,
} from '../../../src/core/index.ts';

describe('candidate list: pasted lines', () => {
  it('reads Name <email>, Name, email, Name email, a bare email and a bare name', () => {
    const list = parseCandidateList(
      [
        'Ada Lovelace <ada@example.org>',
        'Grace Hopper, grace@example.org',
        '"Lovelace, Byron" <byron@example.org>',
        'Alan Turing\talan@example.org',
        'Katherine Johnson katherine@example.org',
        'edsger@example.org',
        '',
        '# a comment',
        'Barbara Liskov',
      ].join('\n'),
    );
    expect(list.format).toBe('lines');
    expect(list.problems).toEqual([]);
    expect(list.candidates.map(({ line, name, email }) => ({ line, name, email }))).toEqual([
      { line: 1, name: 'Ada Lovelace', email: 'ada@example.org' },
      { line: 2, name: 'Grace Hopper', email: 'grace@example.org' },
      { line: 3, name: 'Lovelace, Byron', email: 'byron@example.org' },
      { line: 4, name: 'Alan Turing', email: 'alan@example.org' },
      { line: 5, name: 'Katherine Johnson', email: 'katherine@example.org' },
      { line: 6, name: '', email: 'edsger@example.org' },
      { line: 9, name: 'Barbara Liskov', email: '' },
    ]);
    expect(list.candidates.every((c) => c.extraTimePercent === null)).toBe(true);
  });

  it('lists the lines it cannot read, with their line numbers and why', () => {
    const list = parseCandidateList(
      [
        'Ada <ada@example.org>',
        'Bob <bob@nowhere>',
        'Carol, carol@example.org, carol2@example.org',
        'Dan <dan@example.org',
        'eve@',
        '12345',
      ].join('\r\n'),
    );
    expect(list.candidates.map((c) => c.email)).toEqual(['ada@example.org']);
    expect(list.problems.map((p) => [p.line, p.message])).toEqual([
      [2, '“bob@nowhere” is not an email address'],
      [3, 'more than one email address on this line'],
      [4, 'a “<” or “>” without its pair: write Name <email>'],
      [5, '“eve@” is not an email address'],
      [6, 'neither a name nor an email address'],
    ]);
    expect(list.problems[0]?.text).toBe('Bob <bob@nowhere>');
  });

  it('refuses duplicates (email ignoring case, or name when there is no email) at the later line', () => {
    const list = parseCandidateList('Ada <ada@example.org>\nAda L. <ADA@example.org>\nBob\nbob\n');
    expect(list.candidates.map((c) => c.line)).toEqual([1, 3]);
    expect(list.problems).toEqual([
      { line: 2, text: 'Ada L. <ADA@example.org>', message: 'duplicate of line 1 (same email)' },
      { line: 4, text: 'bob', message: 'duplicate of line 3 (same name)' },
    ]);
  });
});

describe('candidate list: CSV', () => {
  it('reads a header with name, email and extra_time_percent, quoted fields and a BOM', () => {
    const list = parseCandidateList(
      '\uFEFFName,Email,extra_time_percent\r\n"Lovelace, Ada",ada@example.org,25\r\nGrace Hopper,grace@example.org,\r\n"Alan ""the"" Turing",,50%\r\n',
    );
    expect(list.format).toBe('csv');
    expect(list.problems).toEqual([]);
    expect(list.candidates).toEqual([
      { line: 2, name: 'Lovelace, Ada', email: 'ada@example.org', extraTimePercent: 25 },
      { line: 3, name: 'Grace Hopper', email: 'grace@example.org', extraTimePercent: null },
      { line: 4, name: 'Alan "the" Turing', email: '', extraTimePercent: 50 },
    ]);
  });

  it('accepts ; and tab delimiters and columns in any order', () => {
    expect(parseCandidateList('email;name\nada@example.org;Ada\n').candidates).toEqual([
      { line: 2, name: 'Ada', email: 'ada@example.org', extraTimePercent: null },
    ]);
    expect(parseCandidateList('name\temail\nAda\tada@example.org\n').candidates[0]?.email).toBe('ada@example.org');
  });

  it('reports bad rows with their line, counting lines inside quoted fields', () => {
    const list = parseCandidateList(
      'name,email,extra_time_percent\n"Ada\nLovelace",ada@example.org,10\nBob,not-an-email,\nCarol,carol@example.org,lots\n,,\nDan,dan@example.org,-5\n"Eve,eve@example.org\n',
    );
    expect(list.candidates.map((c) => [c.line, c.name])).toEqual([[2, 'Ada Lovelace']]);
    expect(list.problems.map((p) => [p.line, p.message])).toEqual([
      [4, '“not-an-email” is not an email address'],
      [5, 'extra_time_percent “lots” is not a percentage from 0 to 400'],
      [7, 'extra_time_percent “-5” is not a percentage from 0 to 400'],
      [8, 'a quoted field is never closed (a missing ")'],
    ]);
  });

  it('refuses duplicates in a CSV too', () => {
    const list = parseCandidateList('name,email\nAda,ada@example.org\nAda again,ada@example.org\n');
    expect(list.candidates).toHaveLength(1);
    expect(list.problems[0]).toMatchObject({ line: 3, message: 'duplicate of line 2 (same email)' });
  });
});

describe('CSV writing (RFC 4180) with formula neutralising', () => {
  it('quotes fields with quotes, commas and line breaks, doubling quotes, and ends records with CRLF', () => {
    expect(
      writeCsv([
        ['name', 'email', 'link'],
        ['Lovelace, Ada', 'ada@example.org', 'https://x.test/#/take?src=a.json&invite=abc'],
        ['Say "hi"', 'two\nlines', ''],
      ]),
    ).toBe(
      'name,email,link\r\n"Lovelace, Ada",ada@example.org,https://x.test/#/take?src=a.json&invite=abc\r\n"Say ""hi""","two\nlines",\r\n',
    );
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('neutralises %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  // Each of these opened as a live formula before: spreadsheets skip leading white
  // space and invisible characters, and read full-width signs as ASCII ones.
  it.each([
    ['a space', ' =1+1'],
    ['spaces and a tab', '  \t=1+1'],
    ['a no-break space', '\u00a0=HYPERLINK("http://evil")'],
    ['an ideographic space', '\u3000=1+1'],
    ['a zero-width space', '\u200b=1+1'],
    ['a word joiner', '\u2060@SUM(A1)'],
    ['a byte order mark', '\ufeff=1+1'],
    ['a soft hyphen', '\u00ad+1+1'],
    ['a line break', '\n=1+1'],
    ['a full-width equals sign', '\uff1d1+1'],
    ['a full-width plus sign', '\uff0b1+1'],
    ['a full-width minus sign', '\uff0d1+1'],
    ['a full-width at sign', '\uff20SUM(A1)'],
    ['a small equals sign', '\ufe661+1'],
    ['white space then a full-width sign', ' \uff1d1+1'],
    ['a CR then text', '\rcmd'],
  ])('neutralises a formula behind %s', (_what, input) => {
    const cell = csvCell(input);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted).toBe(`'${input}`);
  });

  it.each([' plain text', '\u00a0Ada', '\u200bname', '-3', '+0.5', '12', 'ＡＢＣ', 'e=mc2'])(
    'leaves %j as it is',
    (input) => {
      expect(csvCell(input)).toBe(input);
    },
  );

  it('reads back what it writes', () => {
    const rows = [
      ['name', 'note'],
      ['Ada, "the first"', 'line one\r\nline two'],
    ];
    expect(readCsv(writeCsv(rows)).records.map((r) => r.fields)).toEqual(rows);
  });
});

describe('invite duration', () => {
  it('adds extra time and rounds up to whole minutes', () => {
    expect(inviteDuration(45)).toBe(45);
    expect(inviteDuration(45, 0)).toBe(45);
    expect(inviteDuration(45, 25)).toBe(57);
    expect(inviteDuration(30, 50)).toBe(45);
    expect(inviteDuration(40, 12.5)).toBe(45);
    expect(inviteDuration(7, 1)).toBe(8);
  });

  it('is not fooled by floating point (50 min + 10 % is 55, not 56)', () => {
    expect(50 * (1 + 10 / 100)).toBeGreaterThan(55);
    expect(inviteDuration(50, 10)).toBe(55);
    expect(inviteDuration(100, 10)).toBe(110);
  });

  it('refuses impossible durations with a stable code and a clear message', () => {
    const refuse = (minutes: number, extra?: number) => {
      try {
        inviteDuration(minutes, extra);
      } catch (error) {
        return error as AssayError;
      }
      throw new Error('expected a refusal');
    };
    expect(refuse(0).code).toBe('SCHEMA_INVALID');
    expect(refuse(Number.NaN).message).toMatch(/greater than 0/);
    expect(refuse(30, -1).message).toMatch(/from 0 to 400/);
    expect(refuse(MAX_INVITE_MINUTES, 1).message).toMatch(/at most 1440/);
    expect(inviteDuration(MAX_INVITE_MINUTES)).toBe(1440);
  });
});

describe('csvCell and numbers', () => {
  it('leaves plain numbers as numbers, negative ones included, and neutralises formulas', async () => {
    const { csvCell } = await import('../../../src/core/index.ts');
    expect(csvCell('-0.250')).toBe('-0.250');
    expect(csvCell('+3')).toBe('+3');
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(csvCell('@cmd')).toBe("'@cmd");
  });
});
