/**
 * @module The CatalogLoader port: the embedded catalog, or, with a data directory (`--data DIR`), the
 * user's files laid over the embedded ones and validated as a whole.
 */
import type { CatalogLoader } from '../../actions/ports.js';
import type { DataFiles } from '../../core/recipe/parse-catalog.js';
import type { EmbeddedCatalog } from './read-embedded-catalog.js';

/** `loadEmbedded` runs once, on the first load (dist/catalog.json in the CLI, data/ in tests). */
export function createCatalogLoader(loadEmbedded: () => Promise<EmbeddedCatalog>): CatalogLoader {
  let embedded: Promise<EmbeddedCatalog> | undefined;
  const embeddedOnce = (): Promise<EmbeddedCatalog> => (embedded ??= loadEmbedded());
  const layeredFiles = async (dataDir: string): Promise<DataFiles> => {
    const [{ layerCatalogFiles }, { readDataDirectory }] = await Promise.all([
      import('../../core/recipe/layer-catalog-files.js'),
      import('./read-data-directory.js'),
    ]);
    const [{ files }, userFiles] = await Promise.all([embeddedOnce(), readDataDirectory(dataDir)]);
    return layerCatalogFiles(files, userFiles, dataDir);
  };
  return {
    async load(dataDir) {
      if (dataDir === undefined) return (await embeddedOnce()).catalog;
      // Loaded only here: validating data needs the schema library, which the embedded path never does.
      const [{ parseCatalog }, { files, origin }] = await Promise.all([
        import('../../core/recipe/parse-catalog.js'),
        layeredFiles(dataDir),
      ]);
      return parseCatalog(files, origin);
    },
    async files(dataDir) {
      return dataDir === undefined
        ? { files: (await embeddedOnce()).files }
        : layeredFiles(dataDir);
    },
  };
}
