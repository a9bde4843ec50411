/**
 * @module The recipe use case shared by cnsctl and cnsd: combine criteria from a snapshot, a criteria
 * document and flags (later wins), check them, build the recipe, and report what was detected and
 * which overlays the snapshot excluded.
 */
import type { Catalog } from '../../core/recipe/catalog.js';
import { assembleRecipe, type AssembledRecipe } from '../../core/recipe/build-recipe.js';
import {
  describeCriteria,
  overlayLooseCriteria,
  parseCriteria,
  type LooseCriteria,
} from '../../core/recipe/criteria.js';
import { detectCriteria } from '../../core/recipe/detect-criteria.js';
import type { RecipeResult } from '../../core/recipe/recipe-result.js';
import type { Snapshot } from '../../core/snapshot/snapshot.js';
import type { Clock, Reporter } from '../ports.js';

export interface MakeRecipeRequest {
  /** Criteria given directly (CLI flags, API query); they win over everything else. */
  readonly criteria: LooseCriteria;
  /** The spec of a recipeCriteria document, if one was given. */
  readonly criteriaDocument?: LooseCriteria | undefined;
  readonly snapshot?: Snapshot | undefined;
}

export interface MakeRecipeDeps {
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly reporter: Reporter;
  readonly toolVersion: string;
}

export function makeRecipe(request: MakeRecipeRequest, deps: MakeRecipeDeps): RecipeResult {
  return makeAssembledRecipe(request, deps).recipe;
}

/** makeRecipe, with where each component's overrides came from (for valuesProvenance). */
export function makeAssembledRecipe(
  request: MakeRecipeRequest,
  deps: MakeRecipeDeps,
): AssembledRecipe {
  const detected = request.snapshot ? detectCriteria(request.snapshot) : undefined;
  const criteria = parseCriteria(
    overlayLooseCriteria(
      detected?.criteria ?? {},
      request.criteriaDocument ?? {},
      request.criteria,
    ),
  );
  if (detected) {
    deps.reporter.info(`building recipe from snapshot: criteria(${describeCriteria(criteria)})`);
  }
  const assembled = assembleRecipe(deps.catalog, {
    criteria,
    snapshot: request.snapshot,
    generatedAt: deps.clock.now(),
    toolVersion: deps.toolVersion,
  });
  const { recipe } = assembled;
  for (const warning of recipe.metadata.coherenceWarnings ?? [])
    deps.reporter.warn(warning.message);
  for (const name of recipe.metadata.excludedOverlays ?? []) {
    const reasons = (recipe.metadata.constraintWarnings ?? [])
      .filter((w) => w.overlay === name)
      .map((w) => `${w.name}: ${w.message}`);
    deps.reporter.warn(
      `overlay ${name} excluded${reasons.length > 0 ? `: ${reasons.join('; ')}` : ' (its parent was excluded)'}`,
    );
  }
  return assembled;
}
