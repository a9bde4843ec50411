// expect-lint: @typescript-eslint/no-restricted-imports "adapters/ implement ports: they import only types from actions/"
import { makeRecipe } from '../actions/recipe/make-recipe.js';

export const recipeMaker = () => makeRecipe;
