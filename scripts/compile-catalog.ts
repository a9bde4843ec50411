/**
 * @module Build step: validates data/ and writes the precompiled embedded catalog (dist/catalog.json).
 * Invalid data fails the build with every problem listed.
 */
import { writeFile } from 'node:fs/promises';
import { compileCatalogDirectory } from '../src/adapters/catalog/compile-catalog-directory.js';

export async function compileCatalog(dataDir: string, outFile: string): Promise<number> {
  const embedded = await compileCatalogDirectory(dataDir);
  await writeFile(outFile, JSON.stringify(embedded));
  return Object.keys(embedded.files).length;
}
