/**
 * @module The in-memory bundle: relative path → file content and mode, sorted by path. Renderers build
 * it, writers (a directory, a zip, a tar.gz, an HTTP response) consume it, so what is rendered is
 * exactly what is written, in the same order every time.
 */
import { CnsError } from '../shared/errors.js';

export const FILE_MODE = 0o644;
export const EXECUTABLE_MODE = 0o755;

export interface TreeFile {
  /** Text is written as UTF-8. */
  readonly content: string | Uint8Array;
  readonly mode: typeof FILE_MODE | typeof EXECUTABLE_MODE;
}

/** Files by `/`-separated relative path, iterated in byte order of the path. */
export type FileTree = ReadonlyMap<string, TreeFile>;

export interface TreeEntry {
  readonly path: string;
  readonly content: string | Uint8Array;
  readonly executable?: boolean;
}

const SEGMENT = /^[A-Za-z0-9._@+-]+$/;

/**
 * Builds a tree from entries. A path must be relative, use `/`, and have no empty, `.` or `..`
 * segment; no path may be given twice or be both a file and a folder. These are renderer bugs, so
 * they are INTERNAL errors.
 */
export function buildFileTree(entries: Iterable<TreeEntry>): FileTree {
  const files = new Map<string, TreeFile>();
  for (const entry of entries) {
    checkPath(entry.path);
    if (files.has(entry.path)) throw treeError(`${entry.path} is rendered twice`, entry.path);
    files.set(entry.path, {
      content: entry.content,
      mode: entry.executable === true ? EXECUTABLE_MODE : FILE_MODE,
    });
  }
  const paths = [...files.keys()].sort(comparePaths);
  for (let index = 1; index < paths.length; index++) {
    const previous = paths[index - 1] as string;
    const path = paths[index] as string;
    if (path.startsWith(`${previous}/`))
      throw treeError(`${previous} is both a file and a folder`, previous);
  }
  return new Map(paths.map((path) => [path, files.get(path) as TreeFile]));
}

/** The file's bytes (text as UTF-8). */
export function fileBytes(file: TreeFile): Uint8Array {
  return typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
}

/** Byte order of UTF-16 code units, which for the paths allowed here is byte order of UTF-8. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkPath(path: string): void {
  const segments = path.split('/');
  const bad = segments.find(
    (segment) => segment === '.' || segment === '..' || !SEGMENT.test(segment),
  );
  if (path === '' || bad !== undefined)
    throw treeError(`"${path}" is not a safe relative path in a bundle`, path);
}

function treeError(message: string, path: string): CnsError {
  return new CnsError('INTERNAL', `bundle tree: ${message}`, { details: { path } });
}
