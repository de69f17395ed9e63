#!/usr/bin/env node
/**
 * The `cathodelab` command line. Each command lives in its own file under ./commands and registers
 * itself on the program; this file only wires them up and turns errors into one line and an exit code.
 */
import { Command, CommanderError } from 'commander';
import { registerAllCommands } from './commands/index.js';
import { isCathodeLabError } from '../../core/errors.js';
import { VERSION } from '../../core/version.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('cathodelab')
    .description('Design, simulate and analyse thick high-loading cathodes for lithium-metal batteries.')
    .version(VERSION, '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAllCommands(program);
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting so tests can call it in-process. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its message (help, version, or a usage error).
      return e.exitCode;
    }
    if (isCathodeLabError(e)) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    // A bug, not a user error: keep the stack so it can be reported.
    process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 70;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /main\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
