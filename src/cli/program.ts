/**
 * @module The command tree of cnsctl. Each command module declares its flags, help and examples, and
 * imports its work lazily inside the action, so loading this file stays cheap for every command.
 */
import { Command } from '@commander-js/extra-typings';
import type { CliContext } from './cli-context.js';
import { registerBundle } from './commands/bundle.js';
import { registerCompletion } from './commands/completion.js';
import { registerData } from './commands/data.js';
import { registerDiff } from './commands/diff.js';
import { registerQuery } from './commands/query.js';
import { registerRecipe } from './commands/recipe.js';
import { registerSnapshot } from './commands/snapshot.js';
import { registerValidate } from './commands/validate.js';
import { registerVersion } from './commands/version.js';
import { refuseRepeatedOptions } from './repeated-options.js';

export const PROGRAM_DESCRIPTION =
  'Cloud Native Stack: validated configuration for NVIDIA GPU-accelerated Kubernetes.\n' +
  'snapshot a node → recipe for it → validate the node against the recipe → bundle deployment files.';

export function buildProgram(context: CliContext, version: string): Command {
  const program = new Command('cnsctl')
    .description(PROGRAM_DESCRIPTION)
    .version(version, '-v, --version', 'print the version')
    .option('--debug', 'on errors, print details, causes and stack traces')
    .option('--log-json', 'write warnings, logs and errors to stderr as JSON lines')
    .option(
      '--kubeconfig <file>',
      'the kubeconfig of the cluster (default: $KUBECONFIG, ~/.kube/config)',
    )
    .option(
      '--context <name>',
      "the kubeconfig context to use (default: the kubeconfig's current one)",
    )
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .exitOverride();
  registerSnapshot(program, context);
  registerRecipe(program, context);
  registerValidate(program, context);
  registerBundle(program, context);
  registerDiff(program, context);
  registerQuery(program, context);
  registerData(program, context);
  registerVersion(program, context);
  registerCompletion(program, context);
  // Every command, subcommands included: commander must never exit the process or write to it
  // directly (its usage errors go through the stderr log, as JSON with --log-json).
  const pending: Command[] = [program];
  for (let command = pending.pop(); command !== undefined; command = pending.pop()) {
    command.exitOverride().configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.log.passThrough(text),
    });
    pending.push(...(command.commands as Command[]));
  }
  refuseRepeatedOptions(program);
  return program;
}
