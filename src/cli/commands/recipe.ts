/**
 * @module `cnsctl recipe`: criteria (flags, a criteria document or a snapshot) in, recipeResult out.
 */
import { Command } from '@commander-js/extra-typings';
import type { CliContext } from '../cli-context.js';
import { recipeRenderers } from '../format/recipe-renderers.js';
import { toRecipeOptions } from '../options/recipe-options.js';
import { withCriteriaOptions, withOutputOptions } from '../shared-flags.js';
import { writeResult } from '../write-result.js';

const EXAMPLES = `
Examples:
  # The demo's recipe: EKS, H100, Ubuntu, training
  cnsctl recipe --service eks --accelerator h100 --os ubuntu --intent training

  # From a snapshot: service, GPU and OS are detected; the intent comes from the flag
  cnsctl recipe --snapshot snapshot.yaml --intent training -o recipe.yaml

  # From the snapshot an agent left in the cluster (cnsctl snapshot --deploy-agent)
  cnsctl recipe --snapshot cm://gpu-operator/cns-snapshot --intent training -o recipe.yaml

  # As JSON, or as a readable table
  cnsctl recipe --service gke --os cos --accelerator h100 -t json | jq '.deploymentOrder'
  cnsctl recipe --service aks --accelerator h100 -t table

  # With your own overlays laid over the embedded data
  cnsctl recipe --data ./my-recipes --service eks --accelerator h100
`;

export function registerRecipe(program: Command, context: CliContext): void {
  const command = withOutputOptions(
    withCriteriaOptions(
      new Command('recipe').description(
        'Build a recipe (validated component versions, values, constraints and deployment order) for the given criteria',
      ),
    ),
    recipeRenderers,
  )
    .addHelpText('after', EXAMPLES)
    .action(async (flags) => {
      const options = toRecipeOptions(flags);
      const { recipeFromInputs } = await import('../../actions/recipe/recipe-from-inputs.js');
      const { recipe } = await recipeFromInputs(options.request, context.deps);
      await writeResult(context, options, recipeRenderers[options.format], recipe, {});
    });
  program.addCommand(command);
}
