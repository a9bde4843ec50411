/**
 * @module `cnsctl version`: the tool's version and the runtime it runs on.
 */
import { Command, Option } from '@commander-js/extra-typings';
import type { CliContext } from '../cli-context.js';

export function registerVersion(program: Command, context: CliContext): void {
  program.addCommand(
    new Command('version')
      .description('Print the version of cnsctl and of the Node.js runtime')
      .addOption(
        new Option('-t, --format <format>', 'output format')
          .choices(['text', 'json', 'yaml'] as const)
          .default('text' as const),
      )
      .addHelpText('after', '\nExamples:\n  cnsctl version\n  cnsctl version -t json\n')
      .action(async (flags) => {
        const [{ CNS_VERSION }, { toJson, toYaml }] = await Promise.all([
          import('../../version.js'),
          import('../../core/shared/serialize.js'),
        ]);
        const info = {
          version: CNS_VERSION,
          node: process.versions.node,
          platform: `${process.platform}/${process.arch}`,
        };
        const text =
          flags.format === 'json'
            ? toJson(info)
            : flags.format === 'yaml'
              ? toYaml(info)
              : `cnsctl ${info.version} (node ${info.node}, ${info.platform})\n`;
        context.io.stdout.write(text);
      }),
  );
}
