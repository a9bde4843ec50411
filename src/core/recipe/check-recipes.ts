/**
 * @module Builds the recipe of every criteria combination the data can be asked for (service ×
 * accelerator × os × intent × platform) and reports each one that cannot be built or breaks a coherence
 * rule. Queries that match the same overlays (and agree on every criteria dimension a rule looks at)
 * give the same recipe, so each such recipe is built once and reported with one of its queries.
 */
import { isCnsError } from '../shared/errors.js';
import { buildRecipe } from './build-recipe.js';
import type { Catalog } from './catalog.js';
import type { CoherenceRule } from './coherence-rule-schema.js';
import {
  ACCELERATORS,
  ANY,
  DIMENSION_NAMES,
  INTENTS,
  OPERATING_SYSTEMS,
  PLATFORMS,
  SERVICES,
  type CriteriaDimension,
  type RecipeCriteria,
} from './criteria.js';
import { matchOverlays } from './match-overlays.js';
import type { RecipeResult } from './recipe-result.js';

export interface RecipeProblem {
  /** One of the queries that give this recipe. */
  readonly criteria: RecipeCriteria;
  /** How many other queries give the same recipe. */
  readonly alike: number;
  /** The broken coherence rule; absent when the recipe could not be built. */
  readonly rule?: string;
  readonly message: string;
}

/** Every combination of the criteria dimensions, `any` included, nodes 0. */
export function everyCriteria(): RecipeCriteria[] {
  return SERVICES.flatMap((service) =>
    ACCELERATORS.flatMap((accelerator) =>
      OPERATING_SYSTEMS.flatMap((os) =>
        INTENTS.flatMap((intent) =>
          PLATFORMS.map((platform) => ({ service, accelerator, os, intent, platform, nodes: 0 })),
        ),
      ),
    ),
  );
}

export interface EveryRecipeReport {
  /** Criteria combinations asked for. */
  readonly queries: number;
  /** Distinct recipes built for them. */
  readonly recipes: number;
  readonly problems: readonly RecipeProblem[];
}

/**
 * Every criteria combination, grouped by the recipe it gets; each group starts with its most general
 * query (the most dimensions left `any`), which stands for the group in reports.
 */
export function groupQueriesByRecipe(catalog: Catalog): RecipeCriteria[][] {
  const ruleDimensions = dimensionsRulesRead(catalog.rules ?? []);
  const groups = new Map<string, RecipeCriteria[]>();
  for (const criteria of everyCriteria()) {
    const overlays = matchOverlays(catalog, criteria).map((overlay) => overlay.metadata.name);
    const key = [...overlays, ...ruleDimensions.map((d) => criteria[d])].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(criteria);
    else groups.set(key, [criteria]);
  }
  return [...groups.values()].map((group) =>
    // A stable sort keeps the enumeration order among equally general queries.
    [...group].sort((a, b) => openDimensions(b) - openDimensions(a)),
  );
}

/** Builds the recipe for every criteria combination; one problem per failure or broken rule. */
export function checkEveryRecipe(catalog: Catalog): EveryRecipeReport {
  const groups = groupQueriesByRecipe(catalog);
  const problems: RecipeProblem[] = [];
  for (const [first, ...rest] of groups) {
    if (!first) continue;
    const alike = rest.length;
    let recipe: RecipeResult;
    try {
      recipe = buildRecipe(catalog, { criteria: first, generatedAt: new Date(0), toolVersion: '' });
    } catch (error) {
      if (!isCnsError(error)) throw error;
      problems.push({ criteria: first, alike, message: error.message });
      continue;
    }
    for (const warning of recipe.metadata.coherenceWarnings ?? [])
      problems.push({ criteria: first, alike, rule: warning.rule, message: warning.message });
  }
  const queries = groups.reduce((sum, group) => sum + group.length, 0);
  return { queries, recipes: groups.length, problems };
}

function openDimensions(criteria: RecipeCriteria): number {
  return DIMENSION_NAMES.filter((dimension) => criteria[dimension] === ANY).length;
}

function dimensionsRulesRead(rules: readonly CoherenceRule[]): CriteriaDimension[] {
  const read = new Set<string>();
  for (const rule of rules) {
    for (const clause of [...rule.when, ...rule.require]) {
      if ('criteria' in clause) for (const key of Object.keys(clause.criteria)) read.add(key);
    }
  }
  return DIMENSION_NAMES.filter((dimension) => read.has(dimension));
}
