/**
 * @module `cnsctl completion <shell>`: prints a completion script for bash, zsh or fish.
 */
import { Argument, Command } from '@commander-js/extra-typings';
import type { CliContext } from '../cli-context.js';

const EXAMPLES = `
Examples:
  source <(cnsctl completion bash)          # bash, this shell only
  cnsctl completion zsh > "\${fpath[1]}/_cnsctl"
  cnsctl completion fish | source
`;

export function registerCompletion(program: Command, context: CliContext): void {
  program.addCommand(
    new Command('completion')
      .description('Print a shell completion script')
      .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish'] as const))
      .addHelpText('after', EXAMPLES)
      .action(async (shell) => {
        const { renderCompletion } = await import('../completion-script.js');
        context.io.stdout.write(renderCompletion(program, shell));
      }),
  );
}
