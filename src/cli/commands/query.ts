/**
 * @module `cnsctl query --selector PATH`: one value of the fully hydrated recipe (merged component
 * values included), for scripts: scalars print bare, structures as YAML or JSON.
 */
import { Command, Option } from '@commander-js/extra-typings';
import type { CliContext } from '../cli-context.js';
import { withCriteriaOptions } from '../shared-flags.js';

const EXAMPLES = `
Examples:
  # The driver version the demo's recipe installs
  cnsctl query --service eks --accelerator h100 --os ubuntu --intent training \\
    --selector components.gpu-operator.values.driver.version

  # The whole merged values of a component, as JSON
  cnsctl query --service gke --os cos --selector components.gpu-operator.values -t json

  # Keys may contain dots; list items are addressed by index
  cnsctl query --service eks --selector constraints.0.value
  cnsctl query --service eks --selector deploymentOrder
`;

export function registerQuery(program: Command, context: CliContext): void {
  const command = withCriteriaOptions(
    new Command('query').description(
      'Print one value of the hydrated recipe, selected by a dotted path',
    ),
  )
    .requiredOption(
      '--selector <path>',
      'dotted path into the recipe, e.g. components.gpu-operator.values.driver',
    )
    .option('-o, --output <uri>', 'write the value to this file (atomically) instead of stdout')
    .addOption(
      new Option('-t, --format <format>', 'format of structured values')
        .choices(['yaml', 'json'] as const)
        .default('yaml' as const),
    )
    .addHelpText('after', EXAMPLES)
    .action(async (flags) => {
      const [{ recipeFromFlags }, { hydrateRecipe }, { selectPath }, serialize, { writeResult }] =
        await Promise.all([
          import('../recipe-request.js'),
          import('../../core/recipe/hydrate-recipe.js'),
          import('../../core/recipe/select-path.js'),
          import('../../core/shared/serialize.js'),
          import('../write-result.js'),
        ]);
      const { catalog, recipe } = await recipeFromFlags(context, flags);
      const value = selectPath(hydrateRecipe(catalog, recipe), flags.selector);
      const scalar = value === null || typeof value !== 'object';
      await writeResult(context, flags, {
        yaml: () =>
          scalar
            ? `${String(value as string | number | boolean | null)}\n`
            : serialize.toYaml(value),
        json: () => serialize.toJson(value),
      });
    });
  program.addCommand(command);
}
