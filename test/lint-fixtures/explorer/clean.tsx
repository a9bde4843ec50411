// expect-lint: clean
import type { ValuesTrace } from '../actions/recipe/trace-recipe-values.js';
import { compareRecipes } from '../core/recipe/compare-recipes.js';

export const compare = compareRecipes;
export const View = (props: { trace: ValuesTrace }) => <p>{props.trace.components.length}</p>;
