/**
 * @module The BundleReader port: a bundle read back for `bundle verify`, from a directory, a `.zip` or
 * a `.tar.gz`/`.tgz`, into its files by relative path (with their modes). Paths are taken as they
 * are, odd names included, so that verify can report them as extra; entries that climb out of the
 * bundle are refused.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { fromBufferPromise } from 'yauzl';
import { bundleFormatOf } from '../../core/bundle/bundle-format.js';
import {
  comparePaths,
  EXECUTABLE_MODE,
  FILE_MODE,
  type FileTree,
  type TreeFile,
} from '../../core/bundle/file-tree.js';
import { CnsError } from '../../core/shared/errors.js';
import { toFsError } from '../fs-errors.js';
import { readFileBounded, tooLargeError } from '../read-bounded.js';

/**
 * A bundle is a few hundred KiB; this bounds the archive and, separately, everything it holds once
 * unpacked (a zip bomb stops here instead of filling the memory).
 */
const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

/** The bytes a bundle may still unpack to, shared by all its files (read concurrently or not). */
interface Budget {
  readonly source: string;
  readonly total: number;
  left: number;
}

function spend(budget: Budget, bytes: number): void {
  budget.left -= bytes;
  if (budget.left < 0) throw tooLargeError(`${budget.source}: unpacked`, budget.total);
}

/** Every chunk of an entry, charged to the budget as it arrives. */
async function readWithin(budget: Budget, chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) {
    spend(budget, chunk.byteLength);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

export async function readBundle(
  location: string,
  signal?: AbortSignal,
  maxBytes: number = MAX_BUNDLE_BYTES,
): Promise<FileTree> {
  const info = await stat(location).catch((error: unknown) => {
    throw toFsError(error, location, 'read');
  });
  const files = new Map<string, TreeFile>();
  const budget: Budget = { source: location, total: maxBytes, left: maxBytes };
  if (info.isDirectory()) await readDirectory(location, location, files, budget, signal);
  else {
    const bytes = await readFileBounded(location, { maxBytes, signal });
    const kind = bundleFormatOf(location);
    if (kind === 'zip') await readZip(bytes, location, files, budget);
    else if (kind === 'tar.gz') await readTarGz(bytes, location, files, budget);
    else {
      throw new CnsError('USAGE', `${location}: expected a bundle directory, a .zip or a .tar.gz`, {
        details: { location },
      });
    }
  }
  return new Map([...files].sort(([a], [b]) => comparePaths(a, b)));
}

async function readDirectory(
  root: string,
  dir: string,
  files: Map<string, TreeFile>,
  budget: Budget,
  signal: AbortSignal | undefined,
): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw toFsError(error, dir, 'list');
  });
  for (const entry of entries) {
    if (signal?.aborted) throw new CnsError('CANCELLED', 'interrupted');
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await readDirectory(root, full, files, budget, signal);
    else if (entry.isFile()) {
      const [content, info] = await Promise.all([
        readFileBounded(full, { maxBytes: Math.max(0, budget.left), signal }).then((content) => {
          spend(budget, content.byteLength);
          return content;
        }),
        stat(full),
      ]).catch((error: unknown) => {
        throw toFsError(error, full, 'read');
      });
      files.set(relative(root, full).split(sep).join('/'), { content, mode: modeOf(info.mode) });
    }
  }
}

async function readZip(
  bytes: Buffer,
  location: string,
  files: Map<string, TreeFile>,
  budget: Budget,
): Promise<void> {
  const zip = await fromBufferPromise(bytes, { lazyEntries: true }).catch((error: unknown) => {
    throw badArchive(location, error);
  });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const content = await readWithin(budget, stream);
      files.set(checkEntryPath(entry.fileName, location), {
        content,
        mode: modeOf(entry.externalFileAttributes >>> 16),
      });
    }
  } catch (error) {
    throw error instanceof CnsError ? error : badArchive(location, error);
  }
}

function readTarGz(
  bytes: Buffer,
  location: string,
  files: Map<string, TreeFile>,
  budget: Budget,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const pending: Promise<void>[] = [];
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        if (entry.type !== 'File' && entry.type !== 'OldFile') {
          entry.resume();
          return;
        }
        pending.push(
          readWithin(budget, entry)
            .then((content) => {
              files.set(checkEntryPath(entry.path, location), {
                content,
                mode: modeOf(entry.mode ?? 0),
              });
            })
            // Past the budget the parser may stall waiting for the abandoned entry: fail now.
            .catch((error: Error) => reject(error)),
        );
      },
    });
    parser.on('error', (error: unknown) => reject(badArchive(location, error)));
    parser.on('warn', (code: string, message: string) =>
      reject(badArchive(location, new Error(`${code}: ${message}`))),
    );
    parser.on('end', () => {
      Promise.all(pending).then(() => resolve(), reject);
    });
    parser.end(bytes);
  });
}

function checkEntryPath(path: string, location: string): string {
  const segments = path.replace(/^\.\//, '').split('/');
  if (path.startsWith('/') || segments.includes('..')) {
    throw new CnsError('INPUT_SCHEMA', `${location}: entry "${path}" points outside the bundle`, {
      details: { location, entry: path },
    });
  }
  return segments.join('/');
}

function modeOf(mode: number): TreeFile['mode'] {
  return (mode & 0o111) !== 0 ? EXECUTABLE_MODE : FILE_MODE;
}

function badArchive(location: string, error: unknown): CnsError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CnsError(
    'INPUT_SCHEMA',
    `${location}: not a readable ${bundleFormatOf(location)} archive (${reason})`,
    {
      details: { location },
      cause: error,
    },
  );
}
