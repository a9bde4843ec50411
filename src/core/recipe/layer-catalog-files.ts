/**
 * @module Lays a user's data files over the embedded ones: a file replaces the embedded file with the
 * same path, except registry.yaml, whose components merge by name (a user entry replaces the embedded
 * entry of that name; new names are added). The user's registry is kept as its own text, not merged
 * here, so parseCatalog reads it with its own lines; the result goes through parseCatalog like any
 * data, with the origin that names the user's files by their own path.
 */
import { CnsError } from '../shared/errors.js';
import { REGISTRY_FILE } from './catalog.js';
import type { DataFiles } from './parse-catalog.js';

export function layerCatalogFiles(
  base: Readonly<Record<string, string>>,
  user: Readonly<Record<string, string>>,
  userLabel: string,
): DataFiles {
  const files: Record<string, string> = { ...base };
  const userPaths: string[] = [];
  let userRegistry: string | undefined;
  for (const [path, text] of Object.entries(user)) {
    if (path.split('/').includes('..')) {
      throw new CnsError('BAD_DATA', `${userLabel}/${path}: ".." is not allowed in a data path`, {
        details: { path },
      });
    }
    if (path === REGISTRY_FILE && base[REGISTRY_FILE] !== undefined) {
      userRegistry = text;
      continue;
    }
    files[path] = text;
    userPaths.push(path);
  }
  return {
    files: Object.fromEntries(
      Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    origin: { userLabel, userPaths, ...(userRegistry === undefined ? {} : { userRegistry }) },
  };
}
