/**
 * @module A file tree as a zip archive, byte for byte the same for the same tree: entries in the tree's
 * path order, one fixed modification time, Unix modes (scripts executable), deflate level 9. The CLI
 * writes it to a file; the HTTP server sends the same bytes.
 */
import { ZipFile } from 'yazl';
import { fileBytes, type FileTree } from '../../core/bundle/file-tree.js';

const REGULAR_FILE = 0o100000;

/**
 * Zip stores local time, which yazl reads through the local-time getters. This Date answers them
 * with UTC fields, so the archive has the same bytes in every time zone (daylight-saving gaps
 * included). The Unix-time extra field is left out for the same reason.
 */
class UtcFieldsDate extends Date {
  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
}

/** `mtime` is every entry's time (archiveTime gives it). */
export function zipTree(tree: FileTree, mtime: Date): Promise<Buffer> {
  const zip = new ZipFile();
  const modified = new UtcFieldsDate(mtime);
  for (const [path, file] of tree) {
    zip.addBuffer(Buffer.from(fileBytes(file)), path, {
      mtime: modified,
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
