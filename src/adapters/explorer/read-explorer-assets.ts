/**
 * @module Reads the built recipe explorer (dist/explorer: index.html and content-hashed assets) into
 * memory once at start-up, so cnsd serves it without touching the disk per request. An absent folder
 * (cnsd run from source without `npm run build`) means no explorer, not an error.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toFsError } from '../fs-errors.js';

/** File bytes by `/`-separated path relative to `dir` (`index.html`, `assets/…`). */
export async function readExplorerAssets(
  dir: string,
): Promise<ReadonlyMap<string, Uint8Array> | undefined> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw toFsError(error, dir, 'list');
  }
  const files = new Map<string, Uint8Array>();
  for (const name of names.sort()) {
    const path = join(dir, name);
    try {
      files.set(name.split('\\').join('/'), await readFile(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') continue;
      throw toFsError(error, path, 'read');
    }
  }
  return files.has('index.html') ? files : undefined;
}
