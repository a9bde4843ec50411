/**
 * @module HostFiles over a directory that holds the host's root file system (`--host-root`, default
 * `/`). Under a non-`/` root, symlinks are resolved by hand with the semantics of a chroot: an absolute
 * target restarts at the root (`/host/etc/os-release -> /usr/lib/os-release` reads
 * `/host/usr/lib/os-release`), and `..` stops at the root, so no path can reach outside it. A path that
 * itself climbs above `/` is refused.
 *
 * Reads are synchronous on purpose. A snapshot reads a few small files and hundreds of /proc/sys
 * values, which never wait on a disk: one synchronous read costs about 10 µs, the asynchronous one three
 * thread-pool round trips (open, read, close), ten times that, and a /proc/sys walk took 29 ms instead
 * of 3. What could block (a FIFO, a device) is refused before reading: files open non-blocking and only
 * regular files are read.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  readdirSync,
  readlinkSync,
} from 'node:fs';
import { join, posix, resolve } from 'node:path';
import type { HostDirEntry, HostFiles } from '../../actions/ports.js';
import { CnsError, toCnsError } from '../../core/shared/errors.js';

/** Files larger than this are not configuration; reading stops and the read fails. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const MAX_SYMLINKS = 40;
const CHUNK_BYTES = 64 * 1024;

/** Creates HostFiles that read under `root`. */
export function createHostFiles(root: string): HostFiles {
  const absoluteRoot = resolve(root);
  const resolver = absoluteRoot === '/' ? undefined : new RootResolver(absoluteRoot);
  /** Runs `work` on the real path of `hostPath`, returning its value or the CnsError it ended with. */
  const attempt = <T>(hostPath: string, work: (realPath: string) => T): T | CnsError => {
    let normalized: string;
    try {
      normalized = normalizeHostPath(hostPath, absoluteRoot);
    } catch (error) {
      return toCnsError(error);
    }
    try {
      return work(resolver ? resolver.resolve(normalized) : normalized);
    } catch (error) {
      return toHostFileError(error, hostPath, absoluteRoot);
    }
  };
  /** The same as a promise: errors become rejections, never synchronous throws. */
  const at = <T>(hostPath: string, work: (realPath: string) => T): Promise<T> => {
    const result = attempt(hostPath, work);
    return result instanceof CnsError ? Promise.reject(result) : Promise.resolve(result);
  };
  const read = (maxBytes: number | undefined) => (real: string) =>
    readRegularFile(real, maxBytes ?? DEFAULT_MAX_BYTES);
  return {
    root: absoluteRoot,
    readText: (hostPath, options) => at(hostPath, read(options?.maxBytes)),
    readTexts: (hostPaths, options) => {
      const reader = read(options?.maxBytes);
      return Promise.resolve(new Map(hostPaths.map((p) => [p, attempt(p, reader)])));
    },
    list: (hostPath) =>
      at(hostPath, (real) =>
        readdirSync(real, { withFileTypes: true })
          .map((e): HostDirEntry => ({
            name: e.name,
            kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other',
          }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      ),
  };
}

const NOT_NORMAL = /\/\.\.?(\/|$)|\/\/|.\/$/;

/** Returns the normalised absolute host path, or throws USAGE for a relative path or one above `/`. */
function normalizeHostPath(hostPath: string, root: string): string {
  if (!hostPath.startsWith('/')) {
    throw new CnsError('USAGE', `host path "${hostPath}" must be absolute`, {
      details: { path: hostPath, root },
    });
  }
  // Most paths are already normal (`/proc/sys/vm/swappiness`): no `.` or `..` segment, no `//`.
  if (!NOT_NORMAL.test(hostPath)) return hostPath;
  let depth = 0;
  for (const segment of hostPath.split('/')) {
    if (segment === '..') depth -= 1;
    else if (segment !== '' && segment !== '.') depth += 1;
    if (depth < 0) {
      throw new CnsError('USAGE', `host path "${hostPath}" climbs above the host root ${root}`, {
        details: { path: hostPath, root },
      });
    }
  }
  return posix.normalize(hostPath);
}

/** Resolves host paths under a root with chroot semantics, caching resolved directories. */
class RootResolver {
  private readonly directories = new Map<string, string>();

  constructor(private readonly root: string) {}

  resolve(hostPath: string): string {
    if (hostPath === '/') return this.root;
    const resolvedParent = this.resolveDirectory(posix.dirname(hostPath));
    return join(this.root, this.walk(resolvedParent, [posix.basename(hostPath)]));
  }

  private resolveDirectory(hostDir: string): string {
    const cached = this.directories.get(hostDir);
    if (cached !== undefined) return cached;
    const resolved = this.walk(
      '/',
      hostDir.split('/').filter((s) => s !== ''),
    );
    this.directories.set(hostDir, resolved);
    return resolved;
  }

  /** Walks `segments` from the host directory `start`, following symlinks; returns a host path. */
  private walk(start: string, segments: string[]): string {
    const resolved = start.split('/').filter((s) => s !== '');
    const queue = [...segments];
    let links = 0;
    while (queue.length > 0) {
      const segment = queue.shift() as string;
      if (segment === '.' || segment === '') continue;
      if (segment === '..') {
        resolved.pop();
        continue;
      }
      const candidate = join(this.root, ...resolved, segment);
      const stat = lstatSync(candidate, { throwIfNoEntry: false });
      if (stat?.isSymbolicLink()) {
        links += 1;
        if (links > MAX_SYMLINKS) {
          throw new CnsError(
            'UNAVAILABLE',
            `/${[...resolved, segment].join('/')}: too many symbolic links`,
            {
              details: { root: this.root },
            },
          );
        }
        const target = readlinkSync(candidate);
        if (target.startsWith('/')) resolved.length = 0;
        queue.unshift(...target.split('/'));
        continue;
      }
      // A missing component is left for the read to report as NOT_FOUND with the caller's path.
      resolved.push(segment);
    }
    return `/${resolved.join('/')}`;
  }
}

const PROC_FILE = /^\/proc\//;

/** One buffer for every read: reads are synchronous, and a walk of /proc/sys would otherwise allocate hundreds. */
let sharedBuffer: Buffer | undefined;

/** Reads a regular file of at most `maxBytes`; anything else (FIFO, device, socket) is refused unread. */
function readRegularFile(path: string, maxBytes: number): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    // procfs holds only regular files and directories (a read of which fails with EISDIR); building a
    // Stats object for each of hundreds of /proc/sys files costs more than reading them.
    if (!PROC_FILE.test(path) && !fstatSync(fd).isFile()) {
      throw new CnsError('UNAVAILABLE', 'not a regular file', { details: { maxBytes } });
    }
    sharedBuffer ??= Buffer.allocUnsafe(CHUNK_BYTES);
    const buffer = sharedBuffer;
    const chunks: Buffer[] = [];
    let filled = 0;
    let total = 0;
    for (;;) {
      if (filled === buffer.length) {
        chunks.push(Buffer.from(buffer));
        filled = 0;
      }
      const bytesRead = readSync(
        fd,
        buffer,
        filled,
        Math.min(buffer.length - filled, maxBytes + 1 - total),
        null,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
      total += bytesRead;
      if (total > maxBytes) {
        throw new CnsError('UNAVAILABLE', `larger than ${maxBytes} bytes`, {
          details: { maxBytes },
        });
      }
    }
    if (chunks.length === 0) return buffer.toString('utf8', 0, filled);
    chunks.push(buffer.subarray(0, filled));
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Messages name the host path only, so a snapshot's reasons do not depend on where the host is mounted. */
function toHostFileError(error: unknown, hostPath: string, root: string): CnsError {
  const where = hostPath;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const details = { path: hostPath, root, errno: code };
  if (error instanceof CnsError) {
    return new CnsError(error.code, `${where}: ${error.message}`, {
      details: { ...details, ...error.details },
    });
  }
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new CnsError('NOT_FOUND', `${where}: not found`, { details, cause: error });
    case 'EACCES':
    case 'EPERM':
      return new CnsError('FORBIDDEN', `${where}: permission denied`, { details, cause: error });
    case 'EISDIR':
      return new CnsError('UNAVAILABLE', `${where}: is a directory`, { details, cause: error });
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return new CnsError('UNAVAILABLE', `${where}: cannot be read: ${message}`, {
        details,
        cause: error,
      });
    }
  }
}
