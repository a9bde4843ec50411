/**
 * @module `cnsctl version`: the tool's version and the runtime it runs on.
 */
import { Command } from '@commander-js/extra-typings';
import { CNS_VERSION } from '../../version.js';
import type { CliContext } from '../cli-context.js';
import type { Render } from '../format/renderers.js';
import { versionRenderers, type VersionInfo } from '../format/version-renderers.js';
import { withFormatOption } from '../shared-flags.js';

export function registerVersion(program: Command, context: CliContext): void {
  program.addCommand(
    withFormatOption(
      new Command('version').description('Print the version of cnsctl and of the Node.js runtime'),
      versionRenderers,
    )
      .addHelpText('after', '\nExamples:\n  cnsctl version\n  cnsctl version -t json\n')
      .action(async (flags) => {
        const render: Render<VersionInfo> = versionRenderers[flags.format];
        const info = { version: CNS_VERSION, ...context.io.runtime };
        context.io.stdout.write(await render(info, { color: false }));
      }),
  );
}
