// expect-lint: clean
// A renderer registry: types statically, each renderer's work through import().
import type { RecipeResult } from '../../core/recipe/recipe-result.js';

export const cleanRenderers = {
  yaml: async (recipe: RecipeResult) =>
    (await import('../../core/shared/serialize.js')).toYaml(recipe),
};
