/**
 * @module Flags several commands share, declared once so their names, help, accepted values and shell
 * completion never drift: output location and format, the criteria dimensions, and the data directory.
 */
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { CRITERIA_DIMENSIONS } from '../core/recipe/criteria.js';

/** -o/--output and -t/--format (the first format is the default). */
export function withOutputOptions<
  A extends unknown[],
  O extends OptionValues,
  G extends OptionValues,
  const F extends readonly [string, ...string[]],
>(command: Command<A, O, G>, formats: F) {
  return command
    .option('-o, --output <uri>', 'write the result to this file (atomically) instead of stdout')
    .addOption(
      new Option('-t, --format <format>', 'output format')
        .choices(formats)
        .default(formats[0] as F[number]),
    )
    .hook('preAction', async (self) => {
      const { output, format } = self.opts() as { output?: string; format?: string };
      await refuseTextInDocumentFile(output, format);
    });
}

const DOCUMENT_FILE = /\.(ya?ml|json)$/i;
const DOCUMENT_FORMATS = ['yaml', 'json'];

/**
 * A table or JUnit report written to `recipe.yaml` looks like a document and cannot be read back by
 * the next command, so that combination is a usage error, found before any work is done.
 */
async function refuseTextInDocumentFile(output?: string, format?: string): Promise<void> {
  if (output === undefined || format === undefined || DOCUMENT_FORMATS.includes(format)) return;
  if (!DOCUMENT_FILE.test(output)) return;
  const { CnsError } = await import('../core/shared/errors.js');
  const extension = DOCUMENT_FILE.exec(output)?.[1]?.toLowerCase() ?? 'yaml';
  throw new CnsError(
    'USAGE',
    `-o ${output} -t ${format}: that writes a ${format === 'table' ? 'table' : `${format} report`} into a .${extension} file, which no command can read back; leave out -t (or use -t yaml or json) to write the document, or give the ${format} output another name`,
    { details: { output, format } },
  );
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
    .option('--criteria <uri>', 'recipeCriteria document (file, -, URL); flags override its values')
    .option(
      '--snapshot <uri>',
      'build from a Snapshot (file, -, URL): criteria are detected, flags override them',
    )
    .option('--data <dir>', 'your recipe data directory, laid over the embedded data');
}

export interface CriteriaFlags {
  readonly service?: string | undefined;
  readonly accelerator?: string | undefined;
  readonly os?: string | undefined;
  readonly intent?: string | undefined;
  readonly platform?: string | undefined;
  readonly nodes?: string | undefined;
  readonly criteria?: string | undefined;
  readonly snapshot?: string | undefined;
  readonly data?: string | undefined;
}
