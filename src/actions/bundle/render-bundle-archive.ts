/**
 * @module A bundle as archive bytes in memory, for cnsd's reply: the same makeBundle and the same
 * archive function as `cnsctl bundle -o x.zip`, so for one recipe, options, data and
 * SOURCE_DATE_EPOCH the reply and the file are the same bytes (a test holds them to it).
 */
import type { BundleOptions } from '../../core/bundle/bundle-options.js';
import type { BundleArchiveFormat } from '../../core/bundle/bundle-format.js';
import type { RecipeResult } from '../../core/recipe/recipe-result.js';
import type { ActionDeps } from '../ports.js';
import { makeBundle, type MadeBundle } from './make-bundle.js';

export interface RenderBundleArchiveRequest {
  readonly recipe: RecipeResult;
  /** A data directory laid over the embedded catalog; absent: the embedded catalog. */
  readonly dataDir?: string | undefined;
  readonly options: BundleOptions;
  readonly format: BundleArchiveFormat;
}

export interface BundleArchive extends MadeBundle {
  readonly bytes: Uint8Array;
}

export type RenderBundleArchiveDeps = Pick<ActionDeps, 'catalogLoader' | 'openBundleWriter'>;

export async function renderBundleArchive(
  request: RenderBundleArchiveRequest,
  deps: RenderBundleArchiveDeps,
): Promise<BundleArchive> {
  const [catalog, writer] = await Promise.all([
    deps.catalogLoader.load(request.dataDir),
    deps.openBundleWriter(),
  ]);
  const made = await makeBundle({ recipe: request.recipe, options: request.options }, { catalog });
  return { ...made, bytes: await writer.archive(made.tree, request.format) };
}
