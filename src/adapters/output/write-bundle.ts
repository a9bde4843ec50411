/**
 * @module Writes a bundle where `--output` says, in the form its name says: `*.zip` a zip archive,
 * `*.tar.gz` or `*.tgz` a gzip-compressed tar, anything else a directory. Each is all or nothing (an
 * archive is written to a temporary file and renamed), and an existing target is refused unless `force`.
 */
import { stat } from 'node:fs/promises';
import type { FileTree } from '../../core/bundle/file-tree.js';
import { CnsError } from '../../core/shared/errors.js';
import { writeFileAtomically } from './write-file-atomically.js';
import { outputError, writeTreeToDirectory } from './write-tree-to-directory.js';

export type BundleOutputKind = 'directory' | 'zip' | 'tar.gz';

export function bundleOutputKind(output: string): BundleOutputKind {
  if (/\.zip$/i.test(output)) return 'zip';
  if (/\.(tar\.gz|tgz)$/i.test(output)) return 'tar.gz';
  return 'directory';
}

export interface WriteBundleOptions {
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  /** The archive entries' modification time (SOURCE_DATE_EPOCH in the CLI). */
  readonly mtime?: Date;
}

export async function writeBundle(
  tree: FileTree,
  output: string,
  options: WriteBundleOptions = {},
): Promise<BundleOutputKind> {
  const kind = bundleOutputKind(output);
  if (kind === 'directory') {
    await writeTreeToDirectory(tree, output, options);
    return kind;
  }
  const existing = await stat(output).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new CnsError(
      'USAGE',
      `--output ${output}: is a directory; name the archive file to write`,
      {
        details: { output },
      },
    );
  }
  if (existing && options.force !== true) {
    throw new CnsError(
      'USAGE',
      `--output ${output}: file exists; choose another name or pass --force to replace it`,
      {
        details: { output },
      },
    );
  }
  // Each archive library loads only when its format is asked for.
  const bytes =
    kind === 'zip'
      ? await (await import('./zip-tree.js')).zipTree(tree, options.mtime)
      : (await import('./tar-gz-tree.js')).tarGzTree(tree, options.mtime);
  if (options.signal?.aborted) throw new CnsError('CANCELLED', 'interrupted: nothing was written');
  await writeFileAtomically(output, bytes).catch((error: unknown) => {
    throw outputError(error, output);
  });
  return kind;
}
