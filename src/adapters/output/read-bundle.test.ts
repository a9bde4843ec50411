/**
 * Reading a bundle back has limits like every read: the archive, and what it unpacks to, so a zip or
 * tar.gz bomb (a few KiB that inflate to gigabytes) stops at the limit instead of filling the memory.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFileTree } from '../../core/bundle/file-tree.js';
import { DEFAULT_ARCHIVE_TIME } from './archive-time.js';
import { readBundle } from './read-bundle.js';
import { tarGzTree } from './tar-gz-tree.js';
import { zipTree } from './zip-tree.js';

const LIMIT = 1024 * 1024;
/** Two files of zeros, each under the limit, together over it: they compress to almost nothing. */
const bomb = buildFileTree([
  { path: 'a.yaml', content: '\n'.repeat(0.75 * LIMIT) },
  { path: 'b.yaml', content: '\n'.repeat(0.75 * LIMIT) },
]);

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the read to fail');
}

describe('readBundle limits', () => {
  it.each([
    ['a zip', 'bomb.zip', () => zipTree(bomb, DEFAULT_ARCHIVE_TIME)],
    ['a tar.gz', 'bomb.tar.gz', () => tarGzTree(bomb, DEFAULT_ARCHIVE_TIME)],
  ])('stops %s whose files unpack past the limit', async (_name, file, archive) => {
    const dir = mkdtempSync(join(tmpdir(), 'cnsctl-bomb-'));
    const bytes = await archive();
    expect(bytes.byteLength).toBeLessThan(LIMIT / 10);
    writeFileSync(join(dir, file), bytes);
    const error = await failure(readBundle(join(dir, file), undefined, LIMIT));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.message).toContain(`${join(dir, file)}: unpacked: more than the 1 MiB limit`);
  });

  it('stops a directory whose files together pass the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnsctl-bomb-'));
    mkdirSync(join(dir, 'bundle'));
    for (const [path, file] of bomb) writeFileSync(join(dir, 'bundle', path), file.content);
    expect((await failure(readBundle(join(dir, 'bundle'), undefined, LIMIT))).code).toBe(
      'INPUT_TOO_LARGE',
    );
  });

  it('refuses an archive over the limit by its size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnsctl-bomb-'));
    writeFileSync(join(dir, 'big.zip'), Buffer.alloc(LIMIT + 1));
    const error = await failure(readBundle(join(dir, 'big.zip'), undefined, LIMIT));
    expect(error.code).toBe('INPUT_TOO_LARGE');
  });

  it('reads a bundle within the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnsctl-bomb-'));
    const small = buildFileTree([{ path: 'a.yaml', content: 'a: 1\n' }]);
    writeFileSync(join(dir, 'small.zip'), await zipTree(small, DEFAULT_ARCHIVE_TIME));
    expect([...(await readBundle(join(dir, 'small.zip'), undefined, LIMIT)).keys()]).toEqual([
      'a.yaml',
    ]);
  });
});
