/**
 * @module Writes a file so that readers see either the old content or the whole new one: a temp file
 * in the same directory, then a rename. A failed write removes its temp file and leaves the target as
 * it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { toFsError } from '../fs-errors.js';

export async function writeFileAtomically(
  path: string,
  content: string | Uint8Array,
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw toFsError(error, path, 'write');
  }
}
