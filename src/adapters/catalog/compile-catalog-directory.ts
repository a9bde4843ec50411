/**
 * @module Builds the embedded catalog structure from a data directory: what the build precompiles,
 * and what tests and development use directly.
 */
import { parseCatalog } from '../../core/recipe/parse-catalog.js';
import type { EmbeddedCatalog } from './read-embedded-catalog.js';
import { readDataDirectory } from './read-data-directory.js';

export async function compileCatalogDirectory(dir: string): Promise<EmbeddedCatalog> {
  const files = await readDataDirectory(dir);
  return { files, catalog: parseCatalog(files) };
}
