/**
 * @module `cnsctl bundle` as a use case: the recipe read from its location and the catalog (with
 * `--data` laid over it), the bundle rendered by makeBundle, then written where `output` says (a
 * directory, a .zip or a .tar.gz) by the BundleWriter port, all or nothing.
 */
import type { BundleOptions } from '../../core/bundle/bundle-options.js';
import type { BundleFormat } from '../../core/bundle/bundle-format.js';
import { readRecipe } from '../documents/read-recipe.js';
import type { ActionDeps } from '../ports.js';
import { makeBundle, type MadeBundle } from './make-bundle.js';

export interface WriteBundleRequest {
  readonly recipeLocation: string;
  /** A data directory laid over the embedded catalog, as the recipe was built with. */
  readonly dataDir?: string | undefined;
  readonly options: BundleOptions;
  /** A directory, or an archive named `*.zip`, `*.tar.gz`, `*.tgz`. */
  readonly output: string;
  /** Replace an existing output. */
  readonly force: boolean;
}

export interface WrittenBundle extends MadeBundle {
  readonly format: BundleFormat;
}

export type WriteBundleDeps = Pick<
  ActionDeps,
  'documents' | 'catalogLoader' | 'openBundleWriter' | 'signal'
>;

export async function writeBundle(
  request: WriteBundleRequest,
  deps: WriteBundleDeps,
): Promise<WrittenBundle> {
  const [{ recipe }, catalog, writer] = await Promise.all([
    readRecipe(request.recipeLocation, deps),
    deps.catalogLoader.load(request.dataDir),
    deps.openBundleWriter(),
  ]);
  const made = await makeBundle({ recipe, options: request.options }, { catalog });
  const format = await writer.write(request.output, made.tree, {
    force: request.force,
    signal: deps.signal,
  });
  return { ...made, format };
}
