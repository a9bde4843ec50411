/**
 * @module A file tree as a gzip-compressed tar (ustar, with a pax header where a path is too long),
 * byte for byte the same for the same tree: entries in path order, one fixed modification time, owner
 * 0:0 without names, Unix modes (scripts executable), and a gzip header without a time or name.
 */
import { gzipSync } from 'node:zlib';
import { Header, Pax } from 'tar';
import { fileBytes, type FileTree } from '../../core/bundle/file-tree.js';

const BLOCK = 512;

/** `mtime` is every entry's time (archiveTime gives it). */
export function tarGzTree(tree: FileTree, mtime: Date): Buffer {
  const blocks: Buffer[] = [];
  for (const [path, file] of tree) {
    const body = Buffer.from(fileBytes(file));
    const data = {
      path,
      mode: file.mode,
      uid: 0,
      gid: 0,
      size: body.length,
      mtime,
      type: 'File' as const,
      uname: '',
      gname: '',
    };
    const header = new Header(data);
    // encode() fills the 512-byte ustar block; it reports when the path does not fit ustar's fields.
    if (header.encode()) blocks.push(new Pax({ path, mtime }).encode());
    blocks.push(
      header.block as Buffer,
      body,
      Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK),
    );
  }
  blocks.push(Buffer.alloc(2 * BLOCK));
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}
