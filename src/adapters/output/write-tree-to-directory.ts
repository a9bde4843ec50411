/**
 * @module Writes a file tree as a directory, all or nothing: every file goes into a temporary sibling
 * of the target, which is renamed into place at the end. A failure or an abort (Ctrl-C) removes the
 * temporary directory and leaves the target as it was. An existing non-empty target is refused unless
 * `force`, in which case it is replaced whole (its old content is removed only after the new one is in
 * place).
 */
import { chmod, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileBytes, type FileTree } from '../../core/bundle/file-tree.js';
import { CnsError } from '../../core/shared/errors.js';
import { toFsError } from '../fs-errors.js';

export interface WriteTreeOptions {
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

export async function writeTreeToDirectory(
  tree: FileTree,
  target: string,
  options: WriteTreeOptions = {},
): Promise<void> {
  const existing = await inspectTarget(target, options.force === true);
  const absolute = resolve(target);
  const parent = dirname(absolute);
  await mkdir(parent, { recursive: true }).catch((error: unknown) => {
    throw outputError(error, target);
  });
  const temp = join(
    parent,
    `.${basename(absolute)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
  let replaced: string | undefined;
  try {
    await mkdir(temp);
    for (const [path, file] of tree) {
      throwIfAborted(options.signal);
      const full = join(temp, path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, fileBytes(file), { mode: file.mode });
      // The process umask may have cleared bits of the mode; the tree's mode is the contract.
      await chmod(full, file.mode);
    }
    throwIfAborted(options.signal);
    if (existing === 'empty-directory') await rmdir(absolute);
    if (existing === 'non-empty-directory') {
      replaced = `${temp}.old`;
      await rename(absolute, replaced);
    }
    await rename(temp, absolute);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (replaced !== undefined) await rename(replaced, absolute).catch(() => undefined);
    throw outputError(error, target);
  }
  if (replaced !== undefined) await rm(replaced, { recursive: true, force: true });
}

type TargetState = 'absent' | 'empty-directory' | 'non-empty-directory';

async function inspectTarget(target: string, force: boolean): Promise<TargetState> {
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw outputError(error, target);
  });
  if (info === undefined) return 'absent';
  if (!info.isDirectory()) {
    throw new CnsError(
      'USAGE',
      `--output ${target}: exists and is not a directory; choose another path`,
      {
        details: { output: target },
      },
    );
  }
  const entries = await readdir(target).catch((error: unknown) => {
    throw outputError(error, target);
  });
  if (entries.length === 0) return 'empty-directory';
  if (!force) {
    throw new CnsError(
      'USAGE',
      `--output ${target}: directory is not empty; choose an empty or new directory, or pass --force to replace it`,
      { details: { output: target, entries: entries.length } },
    );
  }
  return 'non-empty-directory';
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CnsError('CANCELLED', 'interrupted: nothing was written');
}

/** A location that cannot be written is a bad --output: exit 2 with the fix, not a crash. */
export function outputError(error: unknown, target: string): CnsError {
  const translated = toFsError(error, target, 'write');
  // Permission denied, a read-only file system, or a file where a folder should be.
  if (translated.code === 'FORBIDDEN' || translated.code === 'NOT_FOUND') {
    return new CnsError(
      'USAGE',
      `--output ${target}: cannot write there (${translated.message.replace(`${target}: `, '')}); choose a location you can write to`,
      { details: translated.details, cause: error },
    );
  }
  return translated;
}
