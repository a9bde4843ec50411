/**
 * @module Writes a file so that readers see either the old content or the whole new one: a temp file
 * in the same directory, then a rename. A failed or interrupted write removes its temp file and leaves
 * the target as it was; once the run's signal has aborted, nothing is renamed into place.
 * - A symlink is followed, even a dangling one: the file it points to is replaced (atomically, in that
 *   file's directory), and the link stays a link.
 * - An existing file keeps its permission bits (a 0600 file stays private), a new one gets 0644 less
 *   the umask.
 * - A target that exists and is not a regular file (/dev/null, /dev/stdout, a FIFO) is written in
 *   place: renaming over it would replace the device with a file.
 * - The temp file's name stays within the 255-byte limit of a file name, however long the target's is.
 */
import {
  lstat,
  mkdir,
  open,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { DeferInterrupts } from '../../actions/ports.js';
import { CnsError } from '../../core/shared/errors.js';
import { errnoOf, toFsError } from '../fs-errors.js';
import { afterPendingSignals } from '../pending-signals.js';

export interface AtomicWriteOptions {
  /** Our process id, part of the temp file's name: a stray temp file names the run that left it. */
  readonly processId: number;
  /** Holds interrupts off while the temp file exists (default: nothing to hold them with). */
  readonly deferInterrupts?: DeferInterrupts;
  /** Once aborted, the write stops and the target is left as it was. */
  readonly signal?: AbortSignal;
}

const NEW_FILE_MODE = 0o644;
const MAX_NAME_BYTES = 255;
const MAX_SYMLINKS = 40;

export async function writeFileAtomically(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<void> {
  const { signal } = options;
  const deferInterrupts = options.deferInterrupts ?? ((work) => work());
  try {
    throwIfAborted(signal, path);
    const target = await followSymlinks(path);
    const existing = await stat(target).catch((error: unknown) => {
      if (errnoOf(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (existing?.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (existing && !existing.isFile()) {
      await writeFile(target, content, signal ? { signal } : {});
      return;
    }
    const mode = existing ? existing.mode & 0o7777 : undefined;
    await mkdir(dirname(target), { recursive: true });
    await deferInterrupts(() =>
      replaceFile(target, content, mode, tempPath(target, options.processId), signal, path),
    );
  } catch (error) {
    throw toFsError(error, path, 'write');
  }
}

async function replaceFile(
  target: string,
  content: string | Uint8Array,
  mode: number | undefined,
  temp: string,
  signal: AbortSignal | undefined,
  shownPath: string,
): Promise<void> {
  try {
    // 'wx': never reuse a file that is already there; the name is unique only by chance.
    const handle = await open(temp, 'wx', mode ?? NEW_FILE_MODE);
    try {
      await handle.writeFile(content, signal ? { signal } : {});
      // open's mode passes through the umask; an existing file's bits are restored exactly.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await afterPendingSignals();
    throwIfAborted(signal, shownPath);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * The file `path` names once symlinks are followed: its real path when it exists; otherwise, for a
 * dangling link, the missing file the link (or chain of links) points to; otherwise `path` itself.
 */
async function followSymlinks(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw error;
  }
  let current = resolve(path);
  for (let hops = 0; hops <= MAX_SYMLINKS; hops++) {
    const info = await lstat(current).catch((error: unknown) => {
      if (errnoOf(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (!info?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error('ELOOP'), { code: 'ELOOP' });
}

/** `.<name>.<pid>.<random>.tmp` beside `target`, the name cut so the whole stays a valid file name. */
function tempPath(target: string, processId: number): string {
  const suffix = `.${processId}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  let name = basename(target);
  const room = MAX_NAME_BYTES - 1 - Buffer.byteLength(suffix);
  while (Buffer.byteLength(name) > room) name = [...name].slice(0, -1).join('');
  return join(dirname(target), `.${name}${suffix}`);
}

function throwIfAborted(signal: AbortSignal | undefined, path: string): void {
  if (signal?.aborted) {
    throw new CnsError('CANCELLED', `${path}: interrupted, not written`, {
      details: { path },
      cause: signal.reason,
    });
  }
}
