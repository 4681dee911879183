import { validateCommand } from './validate.ts';
import { verifyCommand } from './verify.ts';
import { scoreCommand } from './score.ts';
import { visibleText } from '../core/index.ts';

const USAGE = `Usage: assay <command> [options]

Commands:
  validate FILE...   Check bundles, answer keys and result files; print every problem with its JSON path.
                     A key is also checked against its bundle when the bundle is among the files.
  verify RESULTS...  Check result files: signature, exercise, event log, invite, time taken.
                     assay verify --help for the options.
  score --key KEY --bundle BUNDLE RESULTS...
                     Score results against an answer key; table, --csv or --json. assay score --help.

Options:
  -h, --help         Show this help.
`;

/** Runs the command line; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validateCommand(rest);
    case 'verify':
      return verifyCommand(rest);
    case 'score':
      return scoreCommand(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`assay: unknown command "${visibleText(command)}"\n\n${USAGE}`);
      return 2;
  }
}
