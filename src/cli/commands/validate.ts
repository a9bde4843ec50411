/**
 * @module `cnsctl validate`: a recipe's constraints checked against a snapshot, as a ValidationResult
 * (yaml, json, a table with failures first, or JUnit XML for CI). The exit code follows --fail-on.
 */
import { Command, Option } from '@commander-js/extra-typings';
import type { CliContext } from '../cli-context.js';
import { withOutputOptions } from '../shared-flags.js';

// Keep in step with FAIL_ON_LEVELS in src/core/validate/validation-exit-code.ts (a test checks it);
// importing it here would load the validate core for every command's start-up.
const FAIL_ON_CHOICES = ['error', 'warning', 'skipped', 'never'] as const;

const EXAMPLES = `
Constraints may carry a severity (error, the default, or warning) and a remediation hint in the
recipe. A constraint whose value the snapshot lacks is skipped, never passed: the status is then
"incomplete" (unless something failed), and --fail-on skipped makes that exit 1.

Exit codes:
  0  nothing that --fail-on counts: status pass, or incomplete under the default --fail-on error
  1  a constraint failed (by default one of severity error; --fail-on warning counts warnings too,
     --fail-on skipped also constraints that were not measured)
  2  bad input: unreadable document, wrong schema, bad constraint, bad flags
  3  a file, URL or ConfigMap does not exist

Examples:
  # The demo's check: the recipe against the node it was made for
  cnsctl validate --recipe recipe.yaml --snapshot cm://gpu-operator/cns-snapshot -o results.yaml

  # A readable pass/fail list, failures first
  cnsctl validate --recipe recipe.yaml --snapshot snapshot.yaml -t table

  # In CI: JUnit XML for the test report, and fail the job on warnings too
  cnsctl validate --recipe recipe.yaml --snapshot snapshot.yaml -t junit -o junit.xml --fail-on warning

  # The snapshot from stdin
  cnsctl snapshot | cnsctl validate --recipe recipe.yaml --snapshot -
`;

export function registerValidate(program: Command, context: CliContext): void {
  const command = withOutputOptions(
    new Command('validate')
      .description(
        "Check a node's snapshot against a recipe's constraints: passed, failed or skipped, with why",
      )
      .requiredOption('--recipe <uri>', 'recipeResult document (file, -, URL, cm://)')
      .requiredOption('--snapshot <uri>', 'Snapshot document (file, -, URL, cm://)')
      .addOption(
        new Option('--fail-on <severity>', 'which failed constraints make the exit code 1')
          .choices(FAIL_ON_CHOICES)
          .default('error' as const),
      ),
    ['yaml', 'json', 'table', 'junit'] as const,
  )
    .addHelpText('after', EXAMPLES)
    .action(async (flags) => {
      if (flags.recipe === '-' && flags.snapshot === '-') {
        const { CnsError } = await import('../../core/shared/errors.js');
        throw new CnsError(
          'USAGE',
          '--recipe and --snapshot cannot both read stdin (-); give one of them as a file or URL',
          {
            details: { recipe: flags.recipe, snapshot: flags.snapshot },
          },
        );
      }
      const [
        { readTypedDocument },
        { recipeResultSchema },
        { snapshotSchema },
        { runValidation },
        { validationExitCode },
        { CNS_VERSION },
      ] = await Promise.all([
        import('../../adapters/documents/read-typed-document.js'),
        import('../../core/recipe/recipe-result.js'),
        import('../../core/snapshot/snapshot.js'),
        import('../../actions/validate/run-validation.js'),
        import('../../core/validate/validation-exit-code.js'),
        import('../../version.js'),
      ]);
      const [recipe, snapshot] = await Promise.all([
        readTypedDocument(
          context.documents,
          flags.recipe,
          recipeResultSchema,
          'recipeResult',
          context.signal,
        ),
        readTypedDocument(
          context.documents,
          flags.snapshot,
          snapshotSchema,
          'Snapshot',
          context.signal,
        ),
      ]);
      const result = runValidation(
        {
          recipe,
          snapshot,
          sources: { recipe: sourceName(flags.recipe), snapshot: sourceName(flags.snapshot) },
        },
        { clock: context.clock, timer: context.timer, toolVersion: CNS_VERSION },
      );
      const [
        { toJson, toYaml },
        { renderJunit },
        { formatValidationTable },
        { loadPaint, wantsColor },
        { writeResult },
      ] = await Promise.all([
        import('../../core/shared/serialize.js'),
        import('../../core/validate/render-junit.js'),
        import('../format/validation-table.js'),
        import('../format/diff-colors.js'),
        import('../write-result.js'),
      ]);
      const paint = await loadPaint(
        flags.format === 'table' && wantsColor(context.io, flags.output),
      );
      await writeResult(context, flags, {
        yaml: () => toYaml(result),
        json: () => toJson(result),
        table: () => formatValidationTable(result, paint),
        junit: () => renderJunit(result, { failOn: flags.failOn }),
      });
      if (result.summary.status === 'incomplete' && flags.failOn !== 'skipped') {
        context.reporter.warn(
          `validation incomplete: ${result.summary.skipped} of ${result.summary.total} constraint${result.summary.total === 1 ? '' : 's'} not measured (the snapshot has no value for them); --fail-on skipped makes this exit 1`,
        );
      }
      context.exitCode = validationExitCode(result, flags.failOn);
    });
  program.addCommand(command);
}

function sourceName(uri: string): string {
  return uri === '-' ? '<stdin>' : uri;
}
