/**
 * @module Reads one recipeResult document (to validate or check drift against), with the name of
 * where it came from. The schema library loads only when a recipe is actually read.
 */
import type { RecipeResult } from '../../core/recipe/recipe-result.js';
import { sourceName } from '../../core/shared/document-source.js';
import { readTypedDocument, type DocumentReading } from './read-typed-document.js';

export interface NamedRecipe {
  /** Where the recipe was read from, as the user named it. */
  readonly source: string;
  readonly recipe: RecipeResult;
}

export async function readRecipe(location: string, reading: DocumentReading): Promise<NamedRecipe> {
  const { recipeResultSchema } = await import('../../core/recipe/recipe-result.js');
  const recipe = await readTypedDocument(location, recipeResultSchema, 'recipeResult', reading);
  return { source: sourceName(location), recipe };
}
