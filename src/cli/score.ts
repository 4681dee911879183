import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  bundleHash,
  candidateRow,
  compareByComposite,
  CSV_COLUMNS,
  formatCell,
  gradeLookup,
  scoreResult,
  validateBundle,
  validateKeyForBundle,
  validateReviews,
  verifyResult,
  writeCsv,
  type CandidateRow,
  type Reviews,
  terminalJson,
  visibleText as v,
} from '../core/index.ts';
import { readOptions } from './options.ts';
import { nodeCryptoProvider } from './node-crypto.ts';
import { readFileBytes, readJsonFile } from './read-file.ts';

const USAGE = `Usage: assay score --key KEY --bundle BUNDLE [--reviews FILE]... [--csv OUT.csv] [--json] RESULT_OR_FOLDER...

Scores result files against an answer key: ranking agreement (Kendall tau-b with the gold
tiers, pairwise accuracy), error identification (recall of known issues, precision, F1 beside
the F1 that marking without reading gets on this key, false alarms), consistency on repeated
tasks, time, reviewer grades when --reviews are given, and the weighted composite with its
parts. Prints a table (the same numbers as the app), or CSV or JSON.
Each file is also verified; its integrity verdict is a column, and a file that fails its
checks is listed but not scored. Composites are ranked final before provisional (critiques
awaiting review), and only with composites made of the same parts.
`;

export async function scoreCommand(args: string[]): Promise<number> {
  const read = readOptions(args, {
    key: { type: 'string' },
    bundle: { type: 'string' },
    csv: { type: 'string' },
    reviews: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!read.ok) {
    process.stderr.write(`assay score: ${read.message}\n${read.unknown ? `\n${USAGE}` : ''}`);
    return 2;
  }
  const { values, positionals: inputs } = read.parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { key: keyFile, bundle: bundleFile, csv: csvOut, json = false } = values;
  const reviewFiles = values.reviews ?? [];
  if (!keyFile || !bundleFile || inputs.length === 0) {
    process.stderr.write(`assay score: --key, --bundle and at least one result are needed\n\n${USAGE}`);
    return 2;
  }
  let rows: CandidateRow[];
  try {
    const bundleDoc = await readJsonFile(bundleFile, 'bundle');
    const bundle = validateBundle(bundleDoc);
    const hash = await bundleHash(bundleDoc);
    const key = validateKeyForBundle(await readJsonFile(keyFile, 'key'), bundle, hash);
    const reviews: Reviews[] = [];
    for (const file of reviewFiles) reviews.push(validateReviews(await readJsonFile(file, 'reviews')));
    const lookup = gradeLookup(reviews);
    rows = [];
    for (const file of await expand(inputs)) {
      const report = await verifyResult(await readFileBytes(file, 'result'), {
        bundles: [{ bundle, hash }],
        crypto: nodeCryptoProvider,
      });
      if (!report.result) {
        process.stderr.write(
          `assay score: ${v(file)}: ${v(report.checks.find((c) => c.status === 'fail')?.message ?? '')}\n`,
        );
        continue;
      }
      if (report.result.bundle.sha256 !== hash) {
        process.stderr.write(`assay score: ${v(file)}: answers another bundle; skipped\n`);
        continue;
      }
      rows.push(candidateRow(report.result, report, scoreResult(report.result, bundle, key, lookup)));
    }
  } catch (error) {
    process.stderr.write(`assay score: ${v((error as Error).message)}\n`);
    return 2;
  }
  // Final composites before provisional ones, each ranked only with composites of the same parts.
  rows.sort((a, b) => compareByComposite(a, b));
  const csv = writeCsv([
    CSV_COLUMNS.map((c) => c.header),
    ...rows.map((r) => CSV_COLUMNS.map((c) => formatCell(r, c))),
  ]);
  if (csvOut) await writeFile(csvOut, csv);
  if (json) process.stdout.write(`${terminalJson(rows)}\n`);
  else if (!csvOut) process.stdout.write(table(rows));
  else process.stdout.write(`wrote ${rows.length} rows to ${v(csvOut)}\n`);
  return 0;
}

async function expand(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory())
      files.push(
        ...(await readdir(input))
          .filter((n) => /\.(json|jwe)$/i.test(n))
          .sort()
          .map((n) => path.join(input, n)),
      );
    else files.push(input);
  }
  return files;
}

function table(rows: CandidateRow[]): string {
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
  const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  const header = [
    'candidate',
    'integrity',
    'minutes',
    'tau-b',
    'recall',
    'precision',
    'F1 (base)',
    'false alarms',
    'consistency',
    'review',
    'composite',
    'parts',
  ];
  const lines = rows.map((r) => [
    // The file's strings, control characters shown (and so measured) as escapes.
    v(`${r.name} <${r.email}>`),
    r.verdict,
    (r.activeMs / 60_000).toFixed(1),
    num(r.rankingTauB),
    pct(r.errorRecall),
    pct(r.errorPrecision),
    r.errorF1 === null ? '—' : `${pct(r.errorF1)} (${pct(r.errorBaselineF1)})`,
    r.falseAlarms === null ? '—' : String(r.falseAlarms),
    pct(r.consistency),
    num(r.reviewScore),
    r.notScored ? 'not scored' : `${pct(r.composite)}${r.compositeStatus === 'provisional' ? ' provisional' : ''}`,
    r.notScored || r.compositeParts || '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return `${[fmt(header), ...lines.map(fmt)].join('\n')}\n`;
}
