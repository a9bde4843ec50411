/**
 * @module The recipe data shipped with the tool, precompiled at build time (scripts/build.mjs) into one
 * JSON file: the validated catalog for the fast path, and the raw files for laying a user's --data
 * directory over them. Validated once at build, so loading it is a read and a JSON.parse.
 */
import { readFile } from 'node:fs/promises';
import type { Catalog } from '../../core/recipe/catalog.js';
import { parseCatalog } from '../../core/recipe/parse-catalog.js';
import { toFsError } from '../fs-errors.js';
import { readDataDirectory } from './read-data-directory.js';

export interface EmbeddedCatalog {
  readonly files: Readonly<Record<string, string>>;
  readonly catalog: Catalog;
}

/** Reads the precompiled catalog written by the build. */
export async function readEmbeddedCatalog(file: string): Promise<EmbeddedCatalog> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as EmbeddedCatalog;
  } catch (error) {
    throw toFsError(error, file, 'read');
  }
}

/** Builds the same structure from a data directory (the build, tests and development use it). */
export async function compileCatalogDirectory(dir: string): Promise<EmbeddedCatalog> {
  const files = await readDataDirectory(dir);
  return { files, catalog: parseCatalog(files) };
}
