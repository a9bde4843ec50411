/**
 * @module The BundleReader port: a bundle read back for `bundle verify`, from a directory, a `.zip` or
 * a `.tar.gz`/`.tgz`, into its files by relative path (with their modes). Paths are taken as they
 * are, odd names included, so that verify can report them as extra; entries that climb out of the
 * bundle are refused.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { buffer as readStream } from 'node:stream/consumers';
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

const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

export async function readBundle(location: string, signal?: AbortSignal): Promise<FileTree> {
  const info = await stat(location).catch((error: unknown) => {
    throw toFsError(error, location, 'read');
  });
  const files = new Map<string, TreeFile>();
  if (info.isDirectory()) await readDirectory(location, location, files, signal);
  else {
    if (info.size > MAX_ARCHIVE_BYTES) {
      throw new CnsError(
        'INPUT_SCHEMA',
        `${location}: ${info.size} bytes is over the ${MAX_ARCHIVE_BYTES}-byte limit`,
        {
          details: { location, size: info.size },
        },
      );
    }
    const bytes = await readFile(location, signal ? { signal } : {}).catch((error: unknown) => {
      throw toFsError(error, location, 'read');
    });
    const kind = bundleFormatOf(location);
    if (kind === 'zip') await readZip(bytes, location, files);
    else if (kind === 'tar.gz') await readTarGz(bytes, location, files);
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
  signal: AbortSignal | undefined,
): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw toFsError(error, dir, 'list');
  });
  for (const entry of entries) {
    if (signal?.aborted) throw new CnsError('CANCELLED', 'interrupted');
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await readDirectory(root, full, files, signal);
    else if (entry.isFile()) {
      const [content, info] = await Promise.all([readFile(full), stat(full)]).catch(
        (error: unknown) => {
          throw toFsError(error, full, 'read');
        },
      );
      files.set(relative(root, full).split(sep).join('/'), { content, mode: modeOf(info.mode) });
    }
  }
}

async function readZip(
  bytes: Buffer,
  location: string,
  files: Map<string, TreeFile>,
): Promise<void> {
  const zip = await fromBufferPromise(bytes, { lazyEntries: true }).catch((error: unknown) => {
    throw badArchive(location, error);
  });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const content = await readStream(await zip.openReadStreamPromise(entry));
      files.set(checkEntryPath(entry.fileName, location), {
        content,
        mode: modeOf(entry.externalFileAttributes >>> 16),
      });
    }
  } catch (error) {
    throw error instanceof CnsError ? error : badArchive(location, error);
  }
}

function readTarGz(bytes: Buffer, location: string, files: Map<string, TreeFile>): Promise<void> {
  return new Promise((resolve, reject) => {
    const pending: Promise<void>[] = [];
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        if (entry.type !== 'File' && entry.type !== 'OldFile') {
          entry.resume();
          return;
        }
        pending.push(
          readStream(entry).then((content) => {
            files.set(checkEntryPath(entry.path, location), {
              content,
              mode: modeOf(entry.mode ?? 0),
            });
          }),
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
