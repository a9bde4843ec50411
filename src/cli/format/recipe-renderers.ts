/** @module The formats of a recipeResult (`cnsctl recipe`). */
import type { RecipeResult } from '../../core/recipe/recipe-result.js';
import type { Renderers } from './renderers.js';

export const recipeRenderers = {
  yaml: async (recipe) => (await import('../../core/shared/serialize.js')).toYaml(recipe),
  json: async (recipe) => (await import('../../core/shared/serialize.js')).toJson(recipe),
  table: async (recipe) => (await import('./recipe-table.js')).formatRecipeTable(recipe),
} satisfies Renderers<RecipeResult>;
