/**
 * What the bundle tests share: the repository's data as the catalog, the demo's recipe (built, as the
 * demo did, from its Appendix A snapshot with --intent training), the demo's section 8.2 flags, bundles
 * rendered in memory for each deployer, and a set of recipes that together hold every component and
 * manifest the data can put in a recipe (so schema checks cover data that other work adds).
 */
import { parse } from 'yaml';
import { makeBundle, type MadeBundle } from '../../src/actions/bundle/make-bundle.js';
import { makeRecipe } from '../../src/actions/recipe/make-recipe.js';
import { toBundleOptions, type BundleFlags } from '../../src/actions/bundle/to-bundle-options.js';
import { DEPLOYER_NAMES, type DeployerName } from '../../src/core/bundle/deployers.js';
import { fileBytes, type FileTree } from '../../src/core/bundle/file-tree.js';
import type { Catalog } from '../../src/core/recipe/catalog.js';
import type { RecipeResult } from '../../src/core/recipe/recipe-result.js';
import { snapshotSchema } from '../../src/core/snapshot/snapshot.js';
import { DEMO_SNAPSHOT_YAML } from '../fixtures/mini-catalog.js';
import { everyQuery, recipeFor } from '../data/data-under-test.js';
import { loadRepositoryCatalog } from '../compose/this-process.js';

export { DEPLOYER_NAMES, type DeployerName };

/** The flags of the demo's section 8.2 command, apart from --recipe, --output and --deployer. */
export const DEMO_PLACEMENT_FLAGS = [
  '--system-node-selector',
  'nodeGroup=system-pool',
  '--accelerated-node-selector',
  'nodeGroup=customer-gpu',
  '--accelerated-node-toleration',
  'dedicated=user-workload:NoSchedule',
];

export const DEMO_BUNDLE_FLAGS: BundleFlags = {
  systemNodeSelector: ['nodeGroup=system-pool'],
  acceleratedNodeSelector: ['nodeGroup=customer-gpu'],
  acceleratedNodeToleration: ['dedicated=user-workload:NoSchedule'],
};

export async function repositoryCatalog(): Promise<Catalog> {
  return (await loadRepositoryCatalog()).catalog;
}

/** The demo's recipe: eks/h100/ubuntu/training from the Appendix A snapshot (driver 570.133.20 locked). */
export async function demoRecipe(): Promise<RecipeResult> {
  const snapshot = snapshotSchema.parse(parse(DEMO_SNAPSHOT_YAML));
  return makeRecipe(
    { criteria: { intent: 'training' }, snapshot },
    {
      catalog: await repositoryCatalog(),
      clock: { now: () => new Date('2026-01-13T13:05:58Z') },
      reporter: { warn: () => undefined, info: () => undefined },
      toolVersion: '0.1.0',
    },
  );
}

export async function bundleOf(
  recipe: RecipeResult,
  flags: BundleFlags,
  catalog?: Catalog,
): Promise<MadeBundle> {
  return makeBundle(
    { recipe, options: toBundleOptions(flags, '0.1.0') },
    { catalog: catalog ?? (await repositoryCatalog()) },
  );
}

export async function demoBundle(
  deployer: DeployerName,
  flags: BundleFlags = {},
): Promise<MadeBundle> {
  return bundleOf(await demoRecipe(), { ...DEMO_BUNDLE_FLAGS, deployer, ...flags });
}

export function text(tree: FileTree, path: string): string {
  const file = tree.get(path);
  if (!file) throw new Error(`${path} is not in the bundle; it has ${[...tree.keys()].join(', ')}`);
  return new TextDecoder().decode(fileBytes(file));
}

/**
 * Recipes from every criteria query, fewest first, until each distinct component reference (name,
 * version, values, manifests) the data can produce is in one of them.
 */
export async function recipesCoveringEveryComponent(): Promise<RecipeResult[]> {
  const catalog = await repositoryCatalog();
  const seen = new Set<string>();
  const chosen: RecipeResult[] = [];
  for (const query of everyQuery()) {
    const recipe = recipeFor(catalog, query);
    const keys = recipe.componentRefs.map((ref) => JSON.stringify(ref));
    if (keys.some((key) => !seen.has(key))) {
      for (const key of keys) seen.add(key);
      chosen.push(recipe);
    }
  }
  return chosen;
}
