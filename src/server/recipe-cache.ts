/**
 * @module The bounded cache of recipes by criteria: a recipe depends only on the criteria and the
 * (immutable, embedded) catalog, so each criteria set is built once and served as the text already
 * rendered. Least recently used entries leave first; a size of 0 keeps nothing.
 */
import { DIMENSION_NAMES, type RecipeCriteria } from '../core/recipe/criteria.js';

export interface RecipeCache<T> {
  /** The entry for `criteria`, built by `build` on a miss; `hit` says which. */
  get(criteria: RecipeCriteria, build: () => T): { readonly entry: T; readonly hit: boolean };
  readonly size: number;
}

/** One key per criteria set, whatever order or case it was asked in (criteria are already parsed). */
export const criteriaKey = (criteria: RecipeCriteria): string =>
  [...DIMENSION_NAMES.map((d) => criteria[d]), criteria.nodes].join('\u0000');

export function createRecipeCache<T>(capacity: number): RecipeCache<T> {
  // A Map iterates in insertion order, so re-inserting on use keeps the least recent first.
  const entries = new Map<string, T>();
  return {
    get(criteria, build) {
      const key = criteriaKey(criteria);
      const cached = entries.get(key);
      if (cached !== undefined) {
        entries.delete(key);
        entries.set(key, cached);
        return { entry: cached, hit: true };
      }
      const entry = build();
      if (capacity > 0) {
        entries.set(key, entry);
        if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      }
      return { entry, hit: false };
    },
    get size() {
      return entries.size;
    },
  };
}
