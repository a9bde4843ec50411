/**
 * @module checksums.txt in the format `sha256sum` writes and `sha256sum -c` checks: one line per file,
 * `<64 hex digits><two spaces><path>`, sorted by path; and the comparison `cnsctl bundle verify` makes
 * between such a list and the files actually present.
 */
import { createHash } from 'node:crypto';
import { CnsError } from '../shared/errors.js';
import { comparePaths, fileBytes, type FileTree } from './file-tree.js';

export const CHECKSUMS_FILE = 'checksums.txt';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The checksums of every file in `tree` (paths relative to its root), in path order. */
export function renderChecksums(tree: FileTree): string {
  return [...tree].map(([path, file]) => `${sha256Hex(fileBytes(file))}  ${path}\n`).join('');
}

/** Parses checksums.txt into path → hex digest. @throws CnsError INPUT_SCHEMA naming the bad line. */
export function parseChecksums(text: string, source: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '') continue;
    // sha256sum marks binary mode with '*' before the name; both modes hash the same bytes.
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) {
      throw new CnsError(
        'INPUT_SCHEMA',
        `${source}:${index + 1}: expected "<sha256>  <path>" as sha256sum writes it`,
        { details: { source, line: index + 1 } },
      );
    }
    sums.set(match[2] as string, match[1] as string);
  }
  return sums;
}

export interface ChecksumReport {
  /** Listed in checksums.txt but absent. */
  readonly missing: readonly string[];
  /** Present but not listed (checksums.txt itself excepted). */
  readonly extra: readonly string[];
  /** Present and listed, with different content. */
  readonly changed: readonly string[];
  readonly checked: number;
}

/** Compares the files of a bundle with its top-level checksums.txt. */
export function compareChecksums(files: FileTree, source: string): ChecksumReport {
  const list = files.get(CHECKSUMS_FILE);
  if (!list) {
    throw new CnsError(
      'INPUT_SCHEMA',
      `${source}: no ${CHECKSUMS_FILE}; is this a cnsctl bundle?`,
      {
        details: { source },
      },
    );
  }
  const expected = parseChecksums(
    new TextDecoder().decode(fileBytes(list)),
    `${source}/${CHECKSUMS_FILE}`,
  );
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [path, digest] of expected) {
    const file = files.get(path);
    if (!file) missing.push(path);
    else if (sha256Hex(fileBytes(file)) !== digest) changed.push(path);
  }
  const extra = [...files.keys()].filter((path) => path !== CHECKSUMS_FILE && !expected.has(path));
  return {
    missing: missing.sort(comparePaths),
    extra: extra.sort(comparePaths),
    changed: changed.sort(comparePaths),
    checked: expected.size,
  };
}
