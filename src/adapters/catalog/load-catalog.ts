/**
 * @module The catalog a command works with: the embedded one, or, with --data DIR, the user's
 * directory laid over the embedded files and validated as a whole.
 */
import type { Catalog } from '../../core/recipe/catalog.js';
import { layerCatalogFiles } from '../../core/recipe/layer-catalog-files.js';
import { parseCatalog } from '../../core/recipe/parse-catalog.js';
import type { EmbeddedCatalog } from './embedded-catalog.js';
import { readDataDirectory } from './read-data-directory.js';

export async function loadCatalog(embedded: EmbeddedCatalog, dataDir?: string): Promise<Catalog> {
  if (dataDir === undefined) return embedded.catalog;
  const userFiles = await readDataDirectory(dataDir);
  return parseCatalog(layerCatalogFiles(embedded.files, userFiles, dataDir));
}
