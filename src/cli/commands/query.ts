/**
 * @module `cnsctl query --selector PATH`: one value of the fully hydrated recipe (merged component
 * values included), for scripts: scalars print bare, structures as YAML or JSON.
 */
import { Command } from '@commander-js/extra-typings';
import type { CliContext } from '../cli-context.js';
import { queryRenderers } from '../format/query-renderers.js';
import { toQueryOptions } from '../options/query-options.js';
import { withCriteriaOptions, withOutputOptions } from '../shared-flags.js';
import { writeResult } from '../write-result.js';

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
  const command = withOutputOptions(
    withCriteriaOptions(
      new Command('query').description(
        'Print one value of the hydrated recipe, selected by a dotted path',
      ),
    ).requiredOption(
      '--selector <path>',
      'dotted path into the recipe, e.g. components.gpu-operator.values.driver',
    ),
    queryRenderers,
    {
      output: 'write the value to this file (atomically) instead of stdout',
      format: 'format of structured values',
    },
  )
    .addHelpText('after', EXAMPLES)
    .action(async (flags) => {
      const options = toQueryOptions(flags);
      const [{ recipeFromInputs }, { hydrateRecipe }, { selectPath }] = await Promise.all([
        import('../../actions/recipe/recipe-from-inputs.js'),
        import('../../core/recipe/hydrate-recipe.js'),
        import('../../core/recipe/select-path.js'),
      ]);
      const { catalog, recipe } = await recipeFromInputs(options.request, context.deps);
      const value = selectPath(hydrateRecipe(catalog, recipe), options.selector);
      await writeResult(context, options, queryRenderers[options.format], value, {});
    });
  program.addCommand(command);
}
