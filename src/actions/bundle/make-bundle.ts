/**
 * @module The bundle use case shared by cnsctl and cnsd: a recipe, the catalog it was built from and
 * the bundle options → the bundle's file tree, rendered in memory with the chosen deployer. Writing it
 * (a directory, a zip, an HTTP response) is the caller's part.
 */
import { loadDeployer } from '../../core/bundle/deployers.js';
import type { BundleOptions } from '../../core/bundle/bundle-options.js';
import type { FileTree } from '../../core/bundle/file-tree.js';
import { planBundle, type BundlePlan } from '../../core/bundle/plan-bundle.js';
import { renderBundle } from '../../core/bundle/render-bundle.js';
import type { Catalog } from '../../core/recipe/catalog.js';
import type { RecipeResult } from '../../core/recipe/recipe-result.js';
import { CnsError } from '../../core/shared/errors.js';

export interface MakeBundleRequest {
  readonly recipe: RecipeResult;
  readonly options: BundleOptions;
}

export interface MakeBundleDeps {
  readonly catalog: Catalog;
}

export interface MadeBundle {
  readonly tree: FileTree;
  /** What was bundled: the components in order with their final values, and the options. */
  readonly plan: BundlePlan;
}

export async function makeBundle(
  request: MakeBundleRequest,
  deps: MakeBundleDeps,
): Promise<MadeBundle> {
  const { recipe, options } = request;
  const deployer = await loadDeployer(options.deployer);
  if (options.git.given && !deployer.usesGitSource) {
    throw new CnsError(
      'USAGE',
      `--repo and --revision do not apply to the ${deployer.name} deployer, which reads nothing from Git; leave them out`,
      { details: { deployer: deployer.name } },
    );
  }
  const plan = planBundle(recipe, deps.catalog, options);
  return { tree: renderBundle(plan, deployer), plan };
}
