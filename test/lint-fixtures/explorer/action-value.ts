// expect-lint: @typescript-eslint/no-restricted-imports "only types from actions/"
import { makeRecipe } from '../actions/recipe/make-recipe.js';

export const make = makeRecipe;
