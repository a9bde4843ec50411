/**
 * @module A recipe as the cache keeps it: the document, its JSON text rendered once (the common
 * answer), and its YAML and hydrated form (for /v1/query) rendered on first use.
 */
import type { Catalog } from '../core/recipe/catalog.js';
import { hydrateRecipe, type HydratedRecipe } from '../core/recipe/hydrate-recipe.js';
import type { RecipeResult } from '../core/recipe/recipe-result.js';
import { toJson, toYaml } from '../core/shared/serialize.js';

export interface CachedRecipe {
  readonly recipe: RecipeResult;
  readonly json: string;
  yaml(): string;
  hydrated(catalog: Catalog): HydratedRecipe;
}

export function cacheEntry(recipe: RecipeResult): CachedRecipe {
  let yaml: string | undefined;
  let hydrated: HydratedRecipe | undefined;
  return {
    recipe,
    json: toJson(recipe),
    yaml: () => (yaml ??= toYaml(recipe)),
    hydrated: (catalog) => (hydrated ??= hydrateRecipe(catalog, recipe)),
  };
}
