/**
 * @module Marks for the time from the API's answer to the recipe on screen, read by the browser test
 * through the Performance API (reported in bench/README.md, never asserted).
 */
export const RECIPE_ANSWERED = 'cns:recipe-answered';
export const RECIPE_RENDERED = 'cns:recipe-rendered';
export const RECIPE_RENDER = 'cns:recipe-render';

export function markAnswered(): void {
  performance.mark(RECIPE_ANSWERED);
}

/** Called once the recipe's DOM is committed; forcing layout counts style and layout in the time. */
export function markRendered(): void {
  if (performance.getEntriesByName(RECIPE_ANSWERED, 'mark').length === 0) return;
  void document.body.offsetHeight;
  performance.mark(RECIPE_RENDERED);
  performance.measure(RECIPE_RENDER, RECIPE_ANSWERED, RECIPE_RENDERED);
  performance.clearMarks(RECIPE_ANSWERED);
}
