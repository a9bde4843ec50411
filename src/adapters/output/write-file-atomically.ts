/**
 * @module Writes a file so that readers see either the old content or the whole new one: a temp file
 * in the same directory, then a rename. A failed write removes its temp file and leaves the target as
 * it was. A target that exists and is not a regular file (/dev/null, /dev/stdout, a FIFO) is written
 * in place: renaming over it would replace the device with a file.
 */
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { toFsError } from '../fs-errors.js';

export interface AtomicWriteOptions {
  /** Our process id, part of the temp file's name: a stray temp file names the run that left it. */
  readonly processId: number;
}

export async function writeFileAtomically(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing && !existing.isFile()) {
    if (existing.isDirectory())
      throw toFsError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), path, 'write');
    return writeFile(path, content).catch((error: unknown) => {
      throw toFsError(error, path, 'write');
    });
  }
  const dir = dirname(path);
  const temp = join(
    dir,
    `.${basename(path)}.${options.processId}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
  try {
    await mkdir(dir, { recursive: true });
    // 'wx': never reuse a file that is already there; the name is unique only by chance.
    const handle = await open(temp, 'wx', 0o644);
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
