/**
 * @module The recipe use case from named inputs, as `recipe` and `query` run it: the catalog (embedded,
 * or a data directory laid over it) loaded while the criteria document and snapshot are read, then
 * makeRecipe. The catalog comes back too, for hydrating component values.
 */
import type { Catalog } from '../../core/recipe/catalog.js';
import type { RecipeResult } from '../../core/recipe/recipe-result.js';
import type { ActionDeps } from '../ports.js';
import { makeRecipe } from './make-recipe.js';
import { readRecipeRequest, type RecipeInputs } from './read-recipe-request.js';

export interface RecipeFromInputsRequest extends RecipeInputs {
  /** A data directory laid over the embedded data (`--data`); the server never sets one. */
  readonly dataDir?: string | undefined;
}

export type RecipeFromInputsDeps = Pick<
  ActionDeps,
  'documents' | 'catalogLoader' | 'clock' | 'reporter' | 'toolVersion' | 'signal'
>;

export async function recipeFromInputs(
  request: RecipeFromInputsRequest,
  deps: RecipeFromInputsDeps,
): Promise<{ readonly catalog: Catalog; readonly recipe: RecipeResult }> {
  const [catalog, recipeRequest] = await Promise.all([
    deps.catalogLoader.load(request.dataDir),
    readRecipeRequest(request, deps),
  ]);
  return { catalog, recipe: makeRecipe(recipeRequest, { ...deps, catalog }) };
}
