/**
 * @module Runs cnsctl in-process: argv, the terminal and the ports in, exit code out. Both the real
 * entry (main.ts) and the tests call this with ports from the same composePorts, so what the tests
 * see is what users get.
 */
import { CommanderError } from '@commander-js/extra-typings';
import type { Ports } from '../actions/ports.js';
import { EXIT_OK } from '../core/shared/error-status.js';
import { CNS_VERSION } from '../version.js';
import type { CliContext, CliIo, GlobalFlags } from './cli-context.js';
import { createReporter } from './create-reporter.js';
import { buildProgram } from './program.js';
import { reportError } from './report-error.js';

const USAGE_EXIT_CODE = 2;

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  ports: Ports,
  signal: AbortSignal,
): Promise<number> {
  let globals: GlobalFlags = {
    debug: argv.includes('--debug'),
    logJson: argv.includes('--log-json'),
  };
  try {
    const context: CliContext = {
      io,
      deps: {
        ...ports,
        // Log lines carry the real time, even when SOURCE_DATE_EPOCH fixes the documents' clock.
        reporter: createReporter(
          io.stderr,
          () => globals,
          () => new Date(),
        ),
        signal,
        toolVersion: CNS_VERSION,
      },
      get globals() {
        return globals;
      },
      exitCode: EXIT_OK,
    };
    const program = buildProgram(context, CNS_VERSION);
    program.hook('preAction', () => {
      const opts = program.opts() as { debug?: boolean; logJson?: boolean };
      globals = { debug: opts.debug === true, logJson: opts.logJson === true };
    });
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_OK;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    return reportError(error, io.stderr, globals);
  }
}

/** Commander has already printed its message; help and --version are successes, the rest usage errors. */
function commanderExitCode(error: CommanderError): number {
  if (
    error.code === 'commander.helpDisplayed' ||
    error.code === 'commander.version' ||
    error.exitCode === 0
  ) {
    return EXIT_OK;
  }
  return USAGE_EXIT_CODE;
}
