/**
 * @module `cnsctl validate`: a recipe's constraints checked against a snapshot, as a ValidationResult
 * (yaml, json, a table with failures first, or JUnit XML for CI). The exit code follows --fail-on.
 */
import { Command, Option } from '@commander-js/extra-typings';
import type { CliContext } from '../cli-context.js';
import { validationRenderers } from '../format/validation-renderers.js';
import { toValidateOptions } from '../options/validate-options.js';
import { withOutputOptions } from '../shared-flags.js';
import { writeResult } from '../write-result.js';

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
    validationRenderers,
  )
    .addHelpText('after', EXAMPLES)
    .action(async (flags) => {
      const options = toValidateOptions(flags);
      const [{ validateDocuments }, { validationExitCode }] = await Promise.all([
        import('../../actions/validate/validate-documents.js'),
        import('../../core/validate/validation-exit-code.js'),
      ]);
      const result = await validateDocuments(options.request, context.deps);
      await writeResult(context, options, validationRenderers[options.format], result, {
        failOn: options.failOn,
      });
      if (result.summary.status === 'incomplete' && options.failOn !== 'skipped') {
        context.deps.reporter.warn(
          `validation incomplete: ${result.summary.skipped} of ${result.summary.total} constraint${result.summary.total === 1 ? '' : 's'} not measured (the snapshot has no value for them); --fail-on skipped makes this exit 1`,
        );
      }
      context.exitCode = validationExitCode(result, options.failOn);
    });
  program.addCommand(command);
}
