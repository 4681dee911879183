#!/usr/bin/env node
// The `assay` command. The CLI is TypeScript in src/cli and runs through tsx, so
// the command line and the app use the very same core code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
