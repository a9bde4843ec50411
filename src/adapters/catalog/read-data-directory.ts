/**
 * @module Reads a recipe data directory into a path → text map for parseCatalog. Refuses what a data
 * directory must not contain: symlinks that leave it, `..` paths, and files over the size limit.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CnsError } from '../../core/shared/errors.js';
import { toFsError } from '../fs-errors.js';

export const MAX_DATA_FILE_BYTES = 1024 * 1024;
const MAX_DATA_FILES = 2000;

/** Reads every regular file under `dir` (recursively), keyed by its `/`-separated relative path. */
export async function readDataDirectory(dir: string): Promise<Record<string, string>> {
  const root = await realRoot(dir);
  try {
    return await readTree(dir, root);
  } catch (error) {
    // A subdirectory that cannot be listed, a file that vanished or cannot be read: name it.
    const path = (error as NodeJS.ErrnoException | undefined)?.path;
    throw toFsError(error, typeof path === 'string' ? path : dir, 'read');
  }
}

async function readTree(dir: string, root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const pending = [root];
  let count = 0;
  while (pending.length > 0) {
    const current = pending.pop() as string;
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(current, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      if (entry.name.startsWith('.')) continue;
      const info = await lstat(full);
      let target = full;
      if (info.isSymbolicLink()) {
        target = await realpath(full).catch(() => full);
        const inside = relative(root, target);
        if (inside.startsWith('..') || inside === '' || inside.startsWith(sep)) {
          throw new CnsError(
            'BAD_DATA',
            `${dir}: ${rel} is a symlink that leaves the data directory`,
            {
              details: { dir, path: rel },
            },
          );
        }
      }
      const resolved = target === full ? info : await stat(target);
      if (resolved.isDirectory()) {
        pending.push(full);
      } else if (resolved.isFile()) {
        if (resolved.size > MAX_DATA_FILE_BYTES) {
          throw new CnsError(
            'BAD_DATA',
            `${dir}: ${rel} is ${resolved.size} bytes, over the ${MAX_DATA_FILE_BYTES}-byte limit for a data file`,
            {
              details: { dir, path: rel, size: resolved.size },
            },
          );
        }
        if (++count > MAX_DATA_FILES) {
          throw new CnsError(
            'BAD_DATA',
            `${dir}: more than ${MAX_DATA_FILES} files; is this a recipe data directory?`,
            { details: { dir } },
          );
        }
        files[rel] = await readFile(target, 'utf8');
      }
    }
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function realRoot(dir: string): Promise<string> {
  try {
    const root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) {
      throw new CnsError('USAGE', `--data ${dir}: not a directory`, { details: { dir } });
    }
    return root;
  } catch (error) {
    if (error instanceof CnsError) throw error;
    throw new CnsError('NOT_FOUND', `--data ${dir}: no such directory`, {
      details: { dir },
      cause: error,
    });
  }
}
