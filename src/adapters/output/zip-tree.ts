/**
 * @module A file tree as a zip archive, byte for byte the same for the same tree: entries in the tree's
 * path order, one fixed modification time, Unix modes (scripts executable), deflate level 9. The CLI
 * writes it to a file; the HTTP server sends the same bytes.
 */
import { ZipFile } from 'yazl';
import { fileBytes, type FileTree } from '../../core/bundle/file-tree.js';

/** 1980-01-01T00:00:00Z, the earliest time a zip entry can hold; SOURCE_DATE_EPOCH replaces it. */
export const DEFAULT_ARCHIVE_TIME = new Date(Date.UTC(1980, 0, 1));

const REGULAR_FILE = 0o100000;

export function zipTree(tree: FileTree, mtime: Date = DEFAULT_ARCHIVE_TIME): Promise<Buffer> {
  const zip = new ZipFile();
  // Zip stores local time: a Date whose local fields are mtime's UTC fields writes the same bytes in
  // every time zone. The Unix-time extra field is left out, since it would carry the zone's offset.
  const local = new Date(
    mtime.getUTCFullYear(),
    mtime.getUTCMonth(),
    mtime.getUTCDate(),
    mtime.getUTCHours(),
    mtime.getUTCMinutes(),
    mtime.getUTCSeconds(),
  );
  for (const [path, file] of tree) {
    zip.addBuffer(Buffer.from(fileBytes(file)), path, {
      mtime: local,
      mode: REGULAR_FILE | file.mode,
      compressionLevel: 9,
      forceDosTimestamp: true,
    });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
