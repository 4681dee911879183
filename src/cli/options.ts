import { parseArgs, type ParseArgsConfig } from 'node:util';
import { visibleText as v } from '../core/index.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed<O extends Options> {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
}

/**
 * A command's flags through node:util's parseArgs (strict, positionals allowed),
 * with its errors said the way the commands always said them: "unknown option
 * --x" and "--key needs a value". Returns the message instead of throwing, so each
 * command prints it with its own name and usage.
 */
export function readOptions<O extends Options>(
  args: string[],
  options: O,
): { ok: true; parsed: Parsed<O> } | { ok: false; unknown: boolean; message: string } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { ok: true, parsed: { values, positionals } as Parsed<O> };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const text = (error as Error).message;
    // parseArgs names the option in quotes: "Unknown option '--x'", "Option '--key <value>' argument missing".
    const named = /'(-{1,2}[^' ]+)/.exec(text)?.[1] ?? text;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      return { ok: false, unknown: true, message: `unknown option ${v(named)}` };
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      return { ok: false, unknown: false, message: `${v(named)} needs a value` };
    return { ok: false, unknown: false, message: v(text) };
  }
}
