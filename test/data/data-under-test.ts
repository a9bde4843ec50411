/**
 * @module What the data tests share: the parsed embedded catalog (read once per test file), the path of
 * the chart oracles, and the recipe criteria the coverage tests walk.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readDataDirectory } from '../../src/adapters/catalog/read-data-directory.js';
import type { Catalog } from '../../src/core/recipe/catalog.js';
import { everyCriteria } from '../../src/core/recipe/check-recipes.js';
import {
  parseCriteria,
  type LooseCriteria,
  type RecipeCriteria,
} from '../../src/core/recipe/criteria.js';
import { parseCatalog } from '../../src/core/recipe/parse-catalog.js';
import { buildRecipe } from '../../src/core/recipe/build-recipe.js';
import type { RecipeResult } from '../../src/core/recipe/recipe-result.js';
import type { Snapshot } from '../../src/core/snapshot/snapshot.js';

export const DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

/**
 * Real chart values and CRDs, read from `../shared/oracles` beside the repository (CNS_ORACLES overrides it).
 * Where the folder is absent the oracle tests skip and say so.
 */
export const ORACLES =
  process.env.CNS_ORACLES ?? fileURLToPath(new URL('../../../shared/oracles', import.meta.url));
export const HAVE_ORACLES = existsSync(ORACLES);
if (!HAVE_ORACLES)
  console.warn(
    `oracle tests skipped: ${ORACLES} is absent (the charts and CRDs beside the repository)`,
  );

/** A describe title that says why it is skipped when the oracles are absent. */
export function oracleSuite(title: string): string {
  return HAVE_ORACLES ? title : `${title} (skipped: no ../shared/oracles)`;
}

let files: Promise<Record<string, string>> | undefined;
let catalog: Promise<Catalog> | undefined;

export function dataFiles(): Promise<Record<string, string>> {
  files ??= readDataDirectory(DATA_DIR);
  return files;
}

export function embeddedCatalog(): Promise<Catalog> {
  catalog ??= dataFiles().then(parseCatalog);
  return catalog;
}

export function criteria(loose: LooseCriteria): RecipeCriteria {
  return parseCriteria(loose);
}

export function recipeFor(data: Catalog, loose: LooseCriteria, snapshot?: Snapshot): RecipeResult {
  return buildRecipe(data, {
    criteria: criteria(loose),
    snapshot,
    generatedAt: new Date('2026-01-13T13:05:58Z'),
    toolVersion: 'test',
  });
}

/** Every combination of the criteria dimensions, as the engine's own check walks them. */
export function everyQuery(): LooseCriteria[] {
  return everyCriteria().map(({ service, accelerator, os, intent, platform }) => ({
    service,
    accelerator,
    os,
    intent,
    platform,
  }));
}

export function describeQuery(query: LooseCriteria): string {
  return Object.entries(query)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}
