import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import {
  bundleHash,
  checkBatch,
  CHECK_LABELS,
  isAssayError,
  restoreTeamKey,
  validateBundle,
  validateTeamKeyBackup,
  validateTeamKeyFile,
  verifyResult,
  type DecryptionKey,
  type KnownBundle,
  type TeamPublicKey,
  type VerificationReport,
  terminalJson,
  visibleText as v,
} from '../core/index.ts';
import { paint } from './paint.ts';
import { readOptions } from './options.ts';
import { nodeCryptoProvider } from './node-crypto.ts';
import { readAnyJsonFile, readFileBytes, readJsonFile } from './read-file.ts';

/** Files verified at once: the hashing and signature checks of some overlap the parsing of others. */
const CONCURRENCY = 16;

const USAGE = `Usage: assay verify [--bundle FILE]... [--team-key FILE]... [--json] RESULT_OR_FOLDER...

Checks each result file: format, signature, that it answers one of the bundles given, the
hash-chained event log, the invite (signed by your team key, for this bundle, used inside its
window), the time taken. Prints one line per file and a summary; exit status 0 only when no file
fails.

  --bundle FILE     a bundle the results should answer (repeatable)
  --team-key FILE   your team key: the public key file (checks invites), or the backup file
                    (also opens encrypted results; passphrase from ASSAY_TEAM_KEY_PASSPHRASE
                    or asked for)
  --json            print the full reports as JSON
  --grace MINUTES   slack on time limits and invite windows (default 2)
`;

interface Options {
  bundles: string[];
  teamKeys: string[];
  json: boolean;
  grace: number;
  inputs: string[];
}

function parseArgs(args: string[]): Options | string {
  const read = readOptions(args, {
    bundle: { type: 'string', multiple: true },
    'team-key': { type: 'string', multiple: true },
    json: { type: 'boolean' },
    grace: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!read.ok) return `assay verify: ${read.message}\n${read.unknown ? `\n${USAGE}` : ''}`;
  const { values, positionals } = read.parsed;
  if (values.help) return USAGE;
  const options: Options = {
    bundles: values.bundle ?? [],
    teamKeys: values['team-key'] ?? [],
    json: values.json ?? false,
    grace: values.grace === undefined ? 2 : Number(values.grace),
    inputs: positionals,
  };
  if (options.inputs.length === 0) return `assay verify: name at least one result file or folder\n\n${USAGE}`;
  if (!Number.isFinite(options.grace) || options.grace < 0) return 'assay verify: --grace takes minutes (0 or more)\n';
  return options;
}

async function expand(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(input)).filter((n) => /\.(json|jwe)$/i.test(n)).sort();
      files.push(...names.map((n) => path.join(input, n)));
    } else files.push(input);
  }
  return files;
}

async function passphrase(file: string): Promise<string> {
  const fromEnv = process.env.ASSAY_TEAM_KEY_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error(`${file} is a backup: set ASSAY_TEAM_KEY_PASSPHRASE to open it`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(`Passphrase for ${file}: `);
  } finally {
    rl.close();
  }
}

/** `assay verify`: returns the exit status. */
export async function verifyCommand(args: string[]): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    (options === USAGE ? process.stdout : process.stderr).write(options);
    return options === USAGE ? 0 : 2;
  }
  const bundles: KnownBundle[] = [];
  const teamKeys: TeamPublicKey[] = [];
  const decryptionKeys: DecryptionKey[] = [];
  try {
    for (const file of options.bundles) {
      const document = await readJsonFile(file, 'bundle');
      bundles.push({ bundle: validateBundle(document), hash: await bundleHash(document) });
    }
    for (const file of options.teamKeys) {
      const { kind, document } = await readAnyJsonFile(file, ['team-key', 'team-key-backup']);
      if (kind === 'team-key-backup') {
        const keys = await restoreTeamKey(validateTeamKeyBackup(document), await passphrase(file));
        teamKeys.push(keys.file.signing);
        decryptionKeys.push({ kid: keys.file.encryption.kid, privateKey: keys.encryption });
      } else teamKeys.push(validateTeamKeyFile(document).signing);
    }
  } catch (error) {
    process.stderr.write(`assay verify: ${v((error as Error).message)}\n`);
    return 2;
  }
  const files = await expand(options.inputs);
  const reports: VerificationReport[] = [];
  // A file refused by the boundary (too large) says what verifyResult would have said; a missing one says so.
  const unreadable = (file: string, error: unknown): VerificationReport => ({
    file,
    fileSha256: '',
    verdict: 'fail',
    checks: [
      {
        id: 'format',
        status: 'fail',
        message: isAssayError(error) ? error.message : `Cannot read the file: ${(error as Error).message}`,
      },
    ],
    result: null,
    attemptKeyId: null,
    invite: null,
    encrypted: false,
  });
  const context = { bundles, teamKeys, decryptionKeys, graceMinutes: options.grace, crypto: nodeCryptoProvider };
  const slots: VerificationReport[] = new Array(files.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, files.length) }, async () => {
      while (next < files.length) {
        const index = next++;
        const file = files[index] as string;
        let bytes: Uint8Array;
        try {
          bytes = await readFileBytes(file, 'result');
        } catch (error) {
          slots[index] = unreadable(file, error);
          continue;
        }
        const report = await verifyResult(bytes, context);
        report.file = file;
        slots[index] = report;
      }
    }),
  );
  reports.push(...slots);
  checkBatch(reports);

  if (options.json) {
    const out = reports.map((r) => ({
      file: r.file,
      fileSha256: r.fileSha256,
      verdict: r.verdict,
      encrypted: r.encrypted,
      candidate: r.result?.candidate ?? null,
      bundle: r.result?.bundle ?? null,
      status: r.result?.status ?? null,
      attemptId: r.result?.attemptId ?? null,
      attemptKeyId: r.attemptKeyId,
      inviteJti: r.invite?.jti ?? null,
      checks: r.checks,
    }));
    process.stdout.write(`${terminalJson(out)}\n`);
  } else {
    for (const r of reports) {
      const who = r.result ? `${r.result.candidate.name} <${r.result.candidate.email}>` : '';
      const mark =
        r.verdict === 'ok'
          ? paint.green('✓ ok  ')
          : r.verdict === 'warn'
            ? paint.yellow('! warn')
            : paint.red('✗ fail');
      // Names and messages carry strings from the file: printed with their control characters visible.
      process.stdout.write(`${mark}  ${v(r.file ?? '')}${who ? `  ${v(who)}` : ''}\n`);
      for (const c of r.checks.filter((c) => c.status === 'fail' || c.status === 'warn'))
        process.stdout.write(
          `        ${c.status === 'fail' ? paint.red('fail') : paint.yellow('warn')} ${CHECK_LABELS[c.id]}: ${v(c.message)}\n`,
        );
    }
    const count = (v: string) => reports.filter((r) => r.verdict === v).length;
    process.stdout.write(
      `\n${reports.length} file${reports.length === 1 ? '' : 's'}: ${count('ok')} ok, ${count('warn')} with warnings, ${count('fail')} failed\n`,
    );
    if (bundles.length === 0)
      process.stdout.write(paint.dim('(no --bundle given: results were not checked against an exercise)\n'));
  }
  return reports.some((r) => r.verdict === 'fail') ? 1 : 0;
}
