/**
 * @module HostFiles over a directory that holds the host's root file system (`--host-root`, default
 * `/`). Under a non-`/` root, symlinks are resolved by hand with the semantics of a chroot: an absolute
 * target restarts at the root (`/host/etc/os-release -> /usr/lib/os-release` reads
 * `/host/usr/lib/os-release`), and `..` stops at the root, so no path can reach outside it. A path that
 * itself climbs above `/` is refused.
 */
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import type { HostDirEntry, HostFiles } from '../../actions/ports.js';
import { CnsError } from '../../core/shared/errors.js';

/** Files larger than this are not configuration; reading stops and the read fails. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const MAX_SYMLINKS = 40;
const CHUNK_BYTES = 64 * 1024;

/** Creates HostFiles that read under `root`. */
export function createHostFiles(root: string): HostFiles {
  const absoluteRoot = resolve(root);
  const resolver = absoluteRoot === '/' ? undefined : new RootResolver(absoluteRoot);
  // Validation errors (USAGE) surface as they are; resolution runs inside the caller's error mapping.
  const locate = (hostPath: string): (() => Promise<string>) => {
    const normalized = normalizeHostPath(hostPath, absoluteRoot);
    return () => (resolver ? resolver.resolve(normalized) : Promise.resolve(normalized));
  };
  return {
    root: absoluteRoot,
    async readText(hostPath, options) {
      const real = locate(hostPath);
      try {
        return await readLimited(await real(), options?.maxBytes ?? DEFAULT_MAX_BYTES);
      } catch (error) {
        throw toHostFileError(error, hostPath, absoluteRoot);
      }
    },
    async list(hostPath) {
      const real = locate(hostPath);
      try {
        const entries = await readdir(await real(), { withFileTypes: true });
        return entries
          .map((e): HostDirEntry => ({
            name: e.name,
            kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other',
          }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        throw toHostFileError(error, hostPath, absoluteRoot);
      }
    },
  };
}

/** Returns the normalised absolute host path, or throws USAGE for a relative path or one above `/`. */
function normalizeHostPath(hostPath: string, root: string): string {
  if (!hostPath.startsWith('/')) {
    throw new CnsError('USAGE', `host path "${hostPath}" must be absolute`, {
      details: { path: hostPath, root },
    });
  }
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

  async resolve(hostPath: string): Promise<string> {
    const parent = posix.dirname(hostPath);
    const base = posix.basename(hostPath);
    const resolvedParent = hostPath === '/' ? '/' : await this.resolveDirectory(parent);
    if (hostPath === '/') return this.root;
    const host = await this.walk(resolvedParent, [base]);
    return join(this.root, host);
  }

  private async resolveDirectory(hostDir: string): Promise<string> {
    const cached = this.directories.get(hostDir);
    if (cached !== undefined) return cached;
    const resolved = await this.walk(
      '/',
      hostDir.split('/').filter((s) => s !== ''),
    );
    this.directories.set(hostDir, resolved);
    return resolved;
  }

  /** Walks `segments` from the host directory `start`, following symlinks; returns a host path. */
  private async walk(start: string, segments: string[]): Promise<string> {
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
      const stat = await lstat(candidate).catch(() => undefined);
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
        const target = await readlink(candidate);
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

async function readLimited(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) {
        throw new CnsError('UNAVAILABLE', `larger than ${maxBytes} bytes`, {
          details: { maxBytes },
        });
      }
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
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
