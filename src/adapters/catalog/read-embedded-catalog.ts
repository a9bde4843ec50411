/**
 * @module The recipe data shipped with the tool, precompiled at build time (scripts/build.mjs) into one
 * JSON file: the validated catalog for the fast path, and the raw files for laying a user's --data
 * directory over them. Validated once at build, so loading it is a read and a JSON.parse (and no
 * schema or YAML library on the start-up path).
 */
import { readFile } from 'node:fs/promises';
import type { Catalog } from '../../core/recipe/catalog.js';
import { toFsError } from '../fs-errors.js';

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
