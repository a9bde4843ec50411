/**
 * @module `cnsctl data check [--data DIR] [--charts DIR]`: the checks the project's own data passes,
 * run on a user's data directory laid over the embedded data. One line per problem on stdout, notes and
 * the summary on stderr, exit 1 when anything is wrong.
 */
import { Command } from '@commander-js/extra-typings';
import type { CliContext } from '../cli-context.js';
import { neutraliseControls } from '../format/terminal-text.js';

const EXAMPLES = `
Examples:
  # The embedded data, with the values keys checked against chart folders
  cnsctl data check --charts ./charts

  # Your overlays and rules laid over the embedded data
  cnsctl data check --data ./my-recipes --charts ./charts

Problems print as "<check>: <where>: <message>" (checks: schema, coverage, values-path, coherence).
`;

export function registerData(program: Command, context: CliContext): void {
  const check = new Command('check')
    .description(
      'Check recipe data: schema and references, coverage of every query, values keys against charts, coherence rules',
    )
    .option('--data <dir>', 'your recipe data directory, laid over the embedded data')
    .option(
      '--charts <dir>',
      'a folder of unpacked charts (<chart>/ or <chart>-v<version>/, as helm pull --untar leaves them)',
    )
    .addHelpText('after', EXAMPLES)
    .action(async (flags) => {
      const { checkData } = await import('../../actions/data/check-data.js');
      const report = await checkData(
        { dataDir: flags.data, chartsDir: flags.charts },
        context.deps,
      );
      // One line per problem whatever the data holds: its control characters are shown as escapes.
      for (const { check, where, message } of report.problems)
        context.io.stdout.write(
          `${check}: ${neutraliseControls(where)}: ${neutraliseControls(message)}\n`,
        );
      for (const note of report.notes) context.deps.reporter.info(`note: ${note}`);
      const count = report.problems.length;
      context.deps.reporter.info(
        `data check: ${count} problem${count === 1 ? '' : 's'} (${report.queries} queries, ${report.recipes} distinct recipes)`,
      );
      if (count > 0) context.exitCode = 1;
    });
  program.addCommand(
    new Command('data')
      .description('Work with recipe data (the embedded data or your own --data directory)')
      .addCommand(check),
  );
}
