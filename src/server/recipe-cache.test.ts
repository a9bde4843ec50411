import { describe, expect, it } from 'vitest';
import { ANY_CRITERIA, type RecipeCriteria } from '../core/recipe/criteria.js';
import { createRecipeCache } from './recipe-cache.js';

const criteria = (service: RecipeCriteria['service'], nodes = 0): RecipeCriteria => ({
  ...ANY_CRITERIA,
  service,
  nodes,
});

describe('createRecipeCache', () => {
  it('builds a criteria set once and serves it after', () => {
    const cache = createRecipeCache<string>(4);
    let builds = 0;
    const build = () => `recipe ${++builds}`;
    expect(cache.get(criteria('eks'), build)).toEqual({ entry: 'recipe 1', hit: false });
    expect(cache.get(criteria('eks'), build)).toEqual({ entry: 'recipe 1', hit: true });
    expect(cache.get(criteria('eks', 8), build)).toEqual({ entry: 'recipe 2', hit: false });
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = createRecipeCache<string>(2);
    cache.get(criteria('eks'), () => 'eks');
    cache.get(criteria('gke'), () => 'gke');
    cache.get(criteria('eks'), () => 'rebuilt');
    cache.get(criteria('aks'), () => 'aks');
    expect(cache.size).toBe(2);
    expect(cache.get(criteria('eks'), () => 'rebuilt').hit).toBe(true);
    expect(cache.get(criteria('gke'), () => 'rebuilt')).toEqual({ entry: 'rebuilt', hit: false });
  });

  it('keeps nothing with capacity 0', () => {
    const cache = createRecipeCache<string>(0);
    cache.get(criteria('eks'), () => 'eks');
    expect(cache.get(criteria('eks'), () => 'again')).toEqual({ entry: 'again', hit: false });
    expect(cache.size).toBe(0);
  });
});
