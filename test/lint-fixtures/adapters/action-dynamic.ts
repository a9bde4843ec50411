// expect-lint: no-restricted-syntax "adapters/ implement ports: they import only types from actions/"
export const loadMakeRecipe = () => import('../actions/recipe/make-recipe.js');
