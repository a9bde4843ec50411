/**
 * @module The fully hydrated view of a recipe that `cnsctl query` selects from: the recipe's own
 * fields, plus `components.<name>` with every reference field and the merged `values`.
 */
import type { Catalog } from './catalog.js';
import { componentValues } from './component-values.js';
import type { Values } from './merge-values.js';
import type { RecipeComponentRef, RecipeResult } from './recipe-result.js';

export type HydratedComponent = RecipeComponentRef & { readonly values: Values };

export type HydratedRecipe = RecipeResult & {
  readonly components: Readonly<Record<string, HydratedComponent>>;
};

export function hydrateRecipe(catalog: Catalog, recipe: RecipeResult): HydratedRecipe {
  const components: Record<string, HydratedComponent> = {};
  for (const ref of recipe.componentRefs)
    components[ref.name] = { ...ref, values: componentValues(catalog, ref) };
  return { ...recipe, components };
}
