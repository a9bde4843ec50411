/**
 * @module Writes a file tree as a directory, all or nothing: every file goes into a temporary sibling
 * of the target, which is renamed into place at the end. A failure or an abort (Ctrl-C) removes the
 * temporary directory and leaves the target as it was. An existing non-empty target is refused unless
 * `force`, in which case it is replaced whole (its old content is removed only after the new one is in
 * place).
 */
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileBytes, type FileTree } from '../../core/bundle/file-tree.js';
import { CnsError } from '../../core/shared/errors.js';
import type { DeferInterrupts } from '../../actions/ports.js';
import { toFsError } from '../fs-errors.js';
import { afterPendingSignals } from '../pending-signals.js';

export interface WriteTreeOptions {
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  /** Our process id, part of the temporary directory's name: a stray one names the run that left it. */
  readonly processId: number;
  /** Holds interrupts off while the temporary directory exists (default: nothing to hold them with). */
  readonly deferInterrupts?: DeferInterrupts;
}

// The file system calls are synchronous on purpose: a bundle is a few dozen small files, and one
// thread-pool round trip per call cost more than the writes (bench/README.md, bundle). Interrupts are
// held off while the temporary directory exists, and before the rename the loop polls once more, so a
// Ctrl-C that came during the writes is seen: the temporary directory is removed, nothing renamed.
export async function writeTreeToDirectory(
  tree: FileTree,
  target: string,
  options: WriteTreeOptions,
): Promise<void> {
  const deferInterrupts = options.deferInterrupts ?? ((work) => work());
  try {
    await deferInterrupts(() => writeTree(tree, target, options));
  } catch (error) {
    throw error instanceof CnsError ? error : outputError(error, target);
  }
}

async function writeTree(tree: FileTree, target: string, options: WriteTreeOptions): Promise<void> {
  const existing = inspectTarget(target, options.force === true);
  const absolute = resolve(target);
  const parent = dirname(absolute);
  try {
    if (!statSync(parent, { throwIfNoEntry: false })) mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw outputError(error, target);
  }
  const temp = join(
    parent,
    `.${basename(absolute)}.${options.processId}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
  let replaced: string | undefined;
  try {
    // mkdir's 0o777 minus what the umask takes away shows the umask: files whose mode it would
    // change, and only those, get a chmod, since the tree's mode is the contract.
    mkdirSync(temp, { mode: 0o777 });
    const umask = 0o777 & ~statSync(temp).mode;
    const made = new Set<string>([temp]);
    for (const [path, file] of tree) {
      throwIfAborted(options.signal);
      const full = join(temp, path);
      const dir = dirname(full);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(full, fileBytes(file), { mode: file.mode });
      if ((file.mode & umask) !== 0) chmodSync(full, file.mode);
    }
    await afterPendingSignals();
    throwIfAborted(options.signal);
    if (existing === 'empty-directory') rmdirSync(absolute);
    if (existing === 'non-empty-directory') {
      replaced = `${temp}.old`;
      renameSync(absolute, replaced);
    }
    renameSync(temp, absolute);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (replaced !== undefined) {
      try {
        renameSync(replaced, absolute);
      } catch {
        // The old bundle stays at `replaced`; the error below names the target.
      }
    }
    throw error instanceof CnsError ? error : outputError(error, target);
  }
  if (replaced !== undefined) rmSync(replaced, { recursive: true, force: true });
}

type TargetState = 'absent' | 'empty-directory' | 'non-empty-directory';

function inspectTarget(target: string, force: boolean): TargetState {
  let info;
  try {
    info = statSync(target, { throwIfNoEntry: false });
  } catch (error) {
    throw outputError(error, target);
  }
  if (info === undefined) return 'absent';
  if (!info.isDirectory()) {
    throw new CnsError(
      'USAGE',
      `--output ${target}: exists and is not a directory; choose another path`,
      { details: { output: target } },
    );
  }
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch (error) {
    throw outputError(error, target);
  }
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
  // Permission denied, a read-only file system, a file where a folder should be, a name too long.
  const fromSystem = translated.details.errno !== undefined;
  if (fromSystem && ['FORBIDDEN', 'NOT_FOUND', 'USAGE'].includes(translated.code)) {
    return new CnsError(
      'USAGE',
      `--output ${target}: cannot write there (${translated.message.replace(`${target}: `, '')}); choose a location you can write to`,
      { details: translated.details, cause: error },
    );
  }
  return translated;
}
