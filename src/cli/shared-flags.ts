/**
 * @module Flags several commands share, declared once so their names, help, accepted values and shell
 * completion never drift: output location and format (from the renderer registry, and never a table
 * into a document's file name), the criteria dimensions, and the data directory.
 */
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { CRITERIA_DIMENSIONS } from '../core/recipe/criteria.js';
import type { FormatOf } from './format/renderers.js';
import { assertOutputReadable } from './options/output-format.js';

/**
 * -t/--format, whose choices are the keys of the result's renderer registry (the first is the
 * default), so the formats offered are exactly the formats rendered.
 */
export function withFormatOption<
  A extends unknown[],
  O extends OptionValues,
  G extends OptionValues,
  const R extends Readonly<Record<string, unknown>>,
>(command: Command<A, O, G>, renderers: R, help = 'output format') {
  const formats = Object.keys(renderers) as [FormatOf<R>, ...FormatOf<R>[]];
  return command.addOption(
    new Option('-t, --format <format>', help).choices(formats).default(formats[0]),
  );
}

/** -o/--output and -t/--format (withFormatOption). */
export function withOutputOptions<
  A extends unknown[],
  O extends OptionValues,
  G extends OptionValues,
  const R extends Readonly<Record<string, unknown>>,
>(
  command: Command<A, O, G>,
  renderers: R,
  help: { readonly output?: string; readonly format?: string } = {},
) {
  return withFormatOption(
    command.option(
      '-o, --output <uri>',
      help.output ?? 'write the result to this file (atomically) instead of stdout',
    ),
    renderers,
    help.format,
  ).hook('preAction', (self) => {
    const { output, format } = self.opts() as { output?: string; format?: string };
    assertOutputReadable(output, format);
  });
}

/** The criteria dimensions, a criteria document, a snapshot to detect them from, and --data. */
export function withCriteriaOptions<
  A extends unknown[],
  O extends OptionValues,
  G extends OptionValues,
>(command: Command<A, O, G>) {
  return command
    .addOption(
      new Option('--service <service>', 'Kubernetes service').choices(CRITERIA_DIMENSIONS.service),
    )
    .addOption(
      new Option('--accelerator <gpu>', 'GPU type').choices(CRITERIA_DIMENSIONS.accelerator),
    )
    .addOption(new Option('--os <os>', 'node operating system').choices(CRITERIA_DIMENSIONS.os))
    .addOption(
      new Option('--intent <intent>', 'workload intent').choices(CRITERIA_DIMENSIONS.intent),
    )
    .addOption(
      new Option('--platform <platform>', 'workload platform').choices(
        CRITERIA_DIMENSIONS.platform,
      ),
    )
    .option('--nodes <count>', 'number of GPU nodes, a size hint (0 = any)')
    .option(
      '--criteria <uri>',
      'recipeCriteria document (file, -, URL, cm://); flags override its values',
    )
    .option(
      '--snapshot <uri>',
      'build from a Snapshot (file, -, URL, cm://): criteria are detected, flags override them',
    )
    .option('--data <dir>', 'your recipe data directory, laid over the embedded data');
}
