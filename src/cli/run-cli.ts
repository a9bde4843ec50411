/**
 * @module Runs cnsctl in-process: argv, the terminal and the ports in, exit code out. Both the real
 * entry (main.ts) and the tests call this with ports from the same composePorts, so what the tests
 * see is what users get.
 */
import { CommanderError } from '@commander-js/extra-typings';
import type { ActionDeps, KubeSelection, Ports } from '../actions/ports.js';
import { EXIT_OK } from '../core/shared/error-status.js';
import { CNS_VERSION } from '../version.js';
import type { CliContext, CliIo, GlobalFlags } from './cli-context.js';
import { createReporter } from './create-reporter.js';
import { buildProgram } from './program.js';
import { reportError } from './report-error.js';
import { createStderrLog } from './stderr-log.js';

const USAGE_EXIT_CODE = 2;

/**
 * The ports of one run, composed once its global flags are parsed: --kubeconfig and --context choose
 * the cluster every cluster port talks to.
 */
export type PortsForRun = (kube: KubeSelection) => Ports;

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  portsForRun: PortsForRun,
  signal: AbortSignal,
): Promise<number> {
  let globals: GlobalFlags = {
    debug: argv.includes('--debug'),
    logJson: argv.includes('--log-json'),
  };
  /** --kubeconfig and --context: the cluster of every command that talks to one. */
  let kube: KubeSelection = {};
  // Log lines carry the real time, even when SOURCE_DATE_EPOCH fixes the documents' clock.
  const log = createStderrLog(
    io.stderr,
    () => globals.logJson,
    () => new Date(),
  );
  const reporter = createReporter(log);
  io.onProcessWarning?.((warning) => reporter.warn(`${warning.name}: ${warning.message}`));
  const onInterrupt = () => reporter.warn('interrupted: cleaning up (press Ctrl-C again to force)');
  signal.addEventListener('abort', onInterrupt, { once: true });
  let deps: ActionDeps | undefined;
  const context: CliContext = {
    io,
    // Built on first use, inside a command's action: the global flags are parsed by then.
    get deps() {
      deps ??= { ...portsForRun(kube), reporter, signal, toolVersion: CNS_VERSION };
      return deps;
    },
    get globals() {
      return globals;
    },
    log,
    exitCode: EXIT_OK,
  };
  let code: number;
  try {
    const program = buildProgram(context, CNS_VERSION);
    program.hook('preAction', () => {
      const opts = program.opts() as {
        debug?: boolean;
        logJson?: boolean;
        kubeconfig?: string;
        context?: string;
      };
      globals = { debug: opts.debug === true, logJson: opts.logJson === true };
      kube = {
        ...(opts.kubeconfig === undefined ? {} : { kubeconfig: opts.kubeconfig }),
        ...(opts.context === undefined ? {} : { context: opts.context }),
      };
    });
    if (argv.length === 0) program.outputHelp();
    else await program.parseAsync([...argv], { from: 'user' });
    code = context.exitCode;
  } catch (error) {
    code =
      error instanceof CommanderError ? commanderExitCode(error) : reportError(error, log, globals);
  } finally {
    signal.removeEventListener('abort', onInterrupt);
  }
  // Output that could not be written (help or a result on a full disk) fails the run, however it ended.
  const failure = await io.stdout.finish?.();
  return failure === undefined ? code : reportError(failure, log, globals);
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
