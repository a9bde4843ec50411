/**
 * @module The recipe for criteria given directly (query parameters, a recipeCriteria document): the
 * criteria checked as cnsctl checks its flags, then against this server's allowlist, then built by
 * makeRecipe once per criteria set and served from the cache after.
 */
import type { FastifyRequest } from 'fastify';
import { makeRecipe } from '../actions/recipe/make-recipe.js';
import { parseCriteria, type LooseCriteria } from '../core/recipe/criteria.js';
import { assertServed } from './criteria-allowlist.js';
import { cacheEntry, type CachedRecipe } from './recipe-entry.js';
import { requestReporter } from './request-scope.js';
import type { RouteContext } from './route-context.js';

export async function recipeForCriteria(
  context: RouteContext,
  request: FastifyRequest,
  loose: LooseCriteria,
): Promise<CachedRecipe> {
  const criteria = parseCriteria(loose);
  assertServed(criteria, context.config.allowlist);
  const catalog = await context.catalog();
  const cached = context.recipes.get(criteria, () => {
    context.metrics.recipeBuilt();
    const deps = {
      catalog,
      clock: context.ports.clock,
      reporter: requestReporter(request),
      toolVersion: context.toolVersion,
    };
    return cacheEntry(makeRecipe({ criteria }, deps));
  });
  context.metrics.recipeCache(cached.hit);
  return cached.entry;
}
