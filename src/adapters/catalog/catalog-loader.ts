/**
 * @module The CatalogLoader port: the embedded catalog, or, with a data directory (`--data DIR`), the
 * user's files laid over the embedded ones and validated as a whole.
 */
import type { CatalogLoader } from '../../actions/ports.js';
import type { EmbeddedCatalog } from './read-embedded-catalog.js';

/** `loadEmbedded` runs once, on the first load (dist/catalog.json in the CLI, data/ in tests). */
export function createCatalogLoader(loadEmbedded: () => Promise<EmbeddedCatalog>): CatalogLoader {
  let embedded: Promise<EmbeddedCatalog> | undefined;
  return {
    async load(dataDir) {
      embedded ??= loadEmbedded();
      if (dataDir === undefined) return (await embedded).catalog;
      // Loaded only here: validating data needs the schema library, which the embedded path never does.
      const [{ layerCatalogFiles }, { parseCatalog }, { readDataDirectory }] = await Promise.all([
        import('../../core/recipe/layer-catalog-files.js'),
        import('../../core/recipe/parse-catalog.js'),
        import('./read-data-directory.js'),
      ]);
      const [{ files }, userFiles] = await Promise.all([embedded, readDataDirectory(dataDir)]);
      return parseCatalog(layerCatalogFiles(files, userFiles, dataDir));
    },
  };
}
