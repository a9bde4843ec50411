/**
 * @module The BundleWriter port: a bundle written where its target names, in the form the name says
 * (a directory, a `.zip`, a `.tar.gz`), or an archive's bytes in memory for a reply. Writing an
 * archive to a file and rendering it in memory are one function, so `cnsctl bundle -o x.zip` and
 * cnsd give the same bytes. Each write is all or nothing, and an existing target is refused unless
 * `force`.
 */
import { stat } from 'node:fs/promises';
import type { BundleWriter, DeferInterrupts } from '../../actions/ports.js';
import { bundleFormatOf, type BundleArchiveFormat } from '../../core/bundle/bundle-format.js';
import type { FileTree } from '../../core/bundle/file-tree.js';
import { CnsError } from '../../core/shared/errors.js';
import { archiveTime } from './archive-time.js';
import { writeFileAtomically } from './write-file-atomically.js';
import { outputError, writeTreeToDirectory } from './write-tree-to-directory.js';

export interface BundleWriterOptions {
  /** Our process id: names the temporary directory or file a write fills before its rename. */
  readonly processId: number;
  /** The archives' entry time (SOURCE_DATE_EPOCH), read when an archive is made; undefined: 1980. */
  readonly entryTime: () => Date | undefined;
  /** Holds interrupts off while a temporary directory or file exists. */
  readonly deferInterrupts?: DeferInterrupts;
}

export function createBundleWriter(options: BundleWriterOptions): BundleWriter {
  const archive = (tree: FileTree, format: BundleArchiveFormat) =>
    renderArchive(tree, format, options.entryTime());
  return {
    archive,
    async write(target, tree, { force, signal }) {
      const format = bundleFormatOf(target);
      if (format === 'directory') {
        await writeTreeToDirectory(tree, target, {
          force,
          processId: options.processId,
          ...(options.deferInterrupts ? { deferInterrupts: options.deferInterrupts } : {}),
          ...(signal ? { signal } : {}),
        });
        return format;
      }
      await checkArchiveTarget(target, force);
      const bytes = await archive(tree, format);
      if (signal?.aborted) throw new CnsError('CANCELLED', 'interrupted: nothing was written');
      await writeFileAtomically(target, bytes, {
        processId: options.processId,
        ...(options.deferInterrupts ? { deferInterrupts: options.deferInterrupts } : {}),
        ...(signal ? { signal } : {}),
      }).catch((error: unknown) => {
        throw outputError(error, target);
      });
      return format;
    },
  };
}

/** The archive's bytes; each archive library loads only when its format is asked for. */
async function renderArchive(
  tree: FileTree,
  format: BundleArchiveFormat,
  mtime: Date | undefined,
): Promise<Uint8Array> {
  const time = archiveTime(mtime);
  return format === 'zip'
    ? (await import('./zip-tree.js')).zipTree(tree, time)
    : (await import('./tar-gz-tree.js')).tarGzTree(tree, time);
}

async function checkArchiveTarget(target: string, force: boolean): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new CnsError(
      'USAGE',
      `--output ${target}: is a directory; name the archive file to write`,
      { details: { output: target } },
    );
  }
  if (existing && !force) {
    throw new CnsError(
      'USAGE',
      `--output ${target}: file exists; choose another name or pass --force to replace it`,
      { details: { output: target } },
    );
  }
}
