/**
 * @module The catalog a command works with: the embedded one, or, with --data DIR, the user's
 * directory laid over the embedded files and validated as a whole.
 */
import type { Catalog } from '../../core/recipe/catalog.js';
import type { EmbeddedCatalog } from './read-embedded-catalog.js';

export async function loadCatalog(embedded: EmbeddedCatalog, dataDir?: string): Promise<Catalog> {
  if (dataDir === undefined) return embedded.catalog;
  // Loaded only here: validating data needs the schema library, which the embedded path never does.
  const [{ layerCatalogFiles }, { parseCatalog }, { readDataDirectory }] = await Promise.all([
    import('../../core/recipe/layer-catalog-files.js'),
    import('../../core/recipe/parse-catalog.js'),
    import('./read-data-directory.js'),
  ]);
  const userFiles = await readDataDirectory(dataDir);
  return parseCatalog(layerCatalogFiles(embedded.files, userFiles, dataDir));
}
