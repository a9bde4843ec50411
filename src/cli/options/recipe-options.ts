/** @module `cnsctl recipe` flags → what the command runs with. */
import type { RecipeFromInputsRequest } from '../../actions/recipe/recipe-from-inputs.js';
import type { recipeRenderers } from '../format/recipe-renderers.js';
import type { FormatOf } from '../format/renderers.js';
import { toCriteriaOptions, type CriteriaFlags } from './criteria-options.js';

export interface RecipeFlags extends CriteriaFlags {
  readonly output?: string | undefined;
  readonly format: FormatOf<typeof recipeRenderers>;
}

export interface RecipeOptions {
  readonly request: RecipeFromInputsRequest;
  readonly output?: string | undefined;
  readonly format: FormatOf<typeof recipeRenderers>;
}

export function toRecipeOptions(flags: RecipeFlags): RecipeOptions {
  return { request: toCriteriaOptions(flags), output: flags.output, format: flags.format };
}
