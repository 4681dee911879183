import {
  isAssayError,
  validateBundle,
  bundleHash,
  validateKey,
  checkKeyAgainstBundle,
  validateResult,
  assessmentChecks,
  type Bundle,
  type AssessmentWarning,
  type ValidationIssue,
  visibleText as v,
  assayFileKind,
  fileKindNoun,
} from '../core/index.ts';
import { readOptions } from './options.ts';
import { readAnyJsonFile } from './read-file.ts';

/** What `validate` checks; each is held to its own size limit once its format tells which it is. */
const KINDS = ['bundle', 'key', 'result'] as const;

interface Checked {
  file: string;
  ok: boolean;
  summary: string;
  issues: readonly ValidationIssue[];
  /** Assessment warnings: printed, but they do not change the exit status. */
  warnings?: readonly AssessmentWarning[];
  note?: string;
}

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const green = (s: string) => (color ? `\x1b[32m${s}\x1b[0m` : s);
const red = (s: string) => (color ? `\x1b[31m${s}\x1b[0m` : s);
const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);
const yellow = (s: string) => (color ? `\x1b[33m${s}\x1b[0m` : s);

/** `assay validate FILE...`: exit 0 only when every file is valid. */
export async function validateCommand(args: string[]): Promise<number> {
  const read = readOptions(args, { help: { type: 'boolean', short: 'h' } });
  if (!read.ok) {
    process.stderr.write(`assay validate: ${read.message}\n`);
    return 2;
  }
  const files = read.parsed.positionals;
  if (read.parsed.values.help || files.length === 0) {
    process.stderr.write('assay validate: name at least one file (bundle, answer key or result)\n');
    return 2;
  }
  const documents = new Map<string, unknown>();
  const checked: Checked[] = [];
  for (const file of files) {
    try {
      documents.set(file, (await readAnyJsonFile(file, KINDS)).document);
    } catch (error) {
      checked.push(failure(file, error));
    }
  }
  // Bundles first, so keys can be checked against them.
  const bundles = new Map<string, { bundle: Bundle; hash: string; file: string }>();
  const kindOf = (doc: unknown) => String((doc as { format?: unknown } | null)?.format ?? '');
  for (const [file, doc] of documents) {
    if (!kindOf(doc).startsWith('assay.bundle/')) continue;
    try {
      const bundle = validateBundle(doc);
      const hash = await bundleHash(doc);
      bundles.set(hash, { bundle, hash, file });
      const outputs = bundle.tasks.reduce((n, t) => n + t.outputs.length, 0);
      checked.push({
        file,
        ok: true,
        summary: `bundle "${bundle.id}" v${bundle.version}: ${bundle.tasks.length} tasks, ${outputs} outputs, sha256 ${hash}`,
        issues: [],
      });
    } catch (error) {
      checked.push(failure(file, error, 'bundle'));
    }
  }
  const keyed = new Set<string>();
  for (const [file, doc] of documents) {
    const kind = kindOf(doc);
    if (kind.startsWith('assay.bundle/')) continue;
    try {
      if (kind.startsWith('assay.key/')) {
        const key = validateKey(doc);
        const target =
          bundles.get(key.bundle.sha256) ?? [...bundles.values()].find((b) => b.bundle.id === key.bundle.id);
        const issues = target ? checkKeyAgainstBundle(key, target.bundle, target.hash) : [];
        const issueCount = key.tasks.reduce((n, t) => n + t.issues.length, 0);
        // With its bundle, the key's checks include the bundle's: printed once, under the key.
        const warnings = target && issues.length === 0 ? assessmentChecks(target.bundle, key) : [];
        if (target && issues.length === 0) keyed.add(target.file);
        checked.push({
          file,
          ok: issues.length === 0,
          warnings,
          summary: `answer key for "${key.bundle.id}" v${key.bundle.version}: ${key.tasks.length} tasks, ${issueCount} known issues`,
          issues,
          ...(target ? {} : { note: 'structure only: pass its bundle too to check ids, categories and hash' }),
        });
      } else if (kind.startsWith('assay.result/')) {
        const result = validateResult(doc);
        checked.push({
          file,
          ok: true,
          summary: `${result.status} result of "${result.bundle.id}" by ${result.candidate.name}: ${result.tasks.length} tasks, ${result.events.length} events`,
          issues: [],
          note: 'schema only; signatures are checked by `assay verify`',
        });
      } else {
        checked.push({
          file,
          ok: false,
          summary: describeOther(doc, kind),
          issues: [{ path: '$.format', message: 'must be "assay.bundle/1", "assay.key/1" or "assay.result/1"' }],
        });
      }
    } catch (error) {
      checked.push(failure(file, error));
    }
  }
  for (const c of checked) {
    const target = [...bundles.values()].find((b) => b.file === c.file);
    if (target && !keyed.has(c.file)) c.warnings = assessmentChecks(target.bundle);
  }
  const order = new Map(files.map((f, i) => [f, i]));
  checked.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  for (const c of checked) {
    // File names, paths and messages can carry the file's own strings: control characters shown, not obeyed.
    process.stdout.write(`${c.ok ? green('✓') : red('✗')} ${v(c.file)}: ${v(c.summary)}\n`);
    for (const issue of c.issues) process.stdout.write(`    ${v(issue.path)}  ${v(issue.message)}\n`);
    for (const w of c.warnings ?? [])
      process.stdout.write(`    ${yellow('warning')} ${w.code}: ${v(w.file)} ${v(w.path)}  ${v(w.message)}\n`);
    if (c.note) process.stdout.write(dim(`    (${v(c.note)})\n`));
  }
  const bad = checked.filter((c) => !c.ok).length;
  const warned = checked.reduce((n, c) => n + (c.warnings?.length ?? 0), 0);
  process.stdout.write(
    `\n${checked.length - bad} valid, ${bad} invalid${warned ? `, ${warned} warning${warned === 1 ? '' : 's'}` : ''}\n`,
  );
  return bad === 0 ? 0 : 1;
}

/** What a file `validate` does not check is: another Assay kind named with its format, or not an Assay file. */
function describeOther(doc: unknown, format: string): string {
  const kind = assayFileKind(doc);
  if (kind)
    return `an Assay ${fileKindNoun(kind)} (format "${format}"): validate checks bundles, answer keys and results`;
  return format ? `unknown format "${format}": not an Assay file` : 'not an Assay file: no "format" field';
}

function failure(file: string, error: unknown, kind?: string): Checked {
  if (isAssayError(error)) {
    return {
      file,
      ok: false,
      summary: `${kind ? `${kind}: ` : ''}${error.message}`,
      issues: error.issues.length > 1 ? error.issues : [],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { file, ok: false, summary: `cannot read: ${message.replace(/^ENOENT: /, '')}`, issues: [] };
}
