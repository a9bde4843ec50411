import { execFileSync } from 'node:child_process';
import { constants, openSync, writeSync, closeSync } from 'node:fs';
import { mkdtemp, readlink, readdir, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectBounded, formatBytes, readFileBounded } from './read-bounded.js';

const temp = () => mkdtemp(join(tmpdir(), 'cnsctl-bounded-'));

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the read to fail');
}

/** Resolves once this process holds `path` open (a readiness signal, instead of a sleep). */
async function untilOpenedHere(path: string): Promise<void> {
  for (;;) {
    const fds = await readdir('/proc/self/fd');
    const targets = await Promise.all(
      fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')),
    );
    if (targets.includes(path)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('readFileBounded', () => {
  it('reads a regular file within the limit', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'a.yaml'), 'a: 1\n');
    expect((await readFileBounded(join(dir, 'a.yaml'), { maxBytes: 5 })).toString()).toBe('a: 1\n');
  });

  it('refuses a regular file by its size, before reading it (a sparse 3 GiB file)', async () => {
    const dir = await temp();
    const big = join(dir, 'big.yaml');
    await writeFile(big, '');
    await truncate(big, 3 * 1024 ** 3);
    const error = await failure(readFileBounded(big, { maxBytes: 64 * 1024 ** 2 }));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.message).toBe(`${big}: 3 GiB, over the 64 MiB limit; cnsctl stopped reading it`);
  });

  it('stops reading an endless device at the limit', async () => {
    const error = await failure(readFileBounded('/dev/zero', { maxBytes: 3 * 1024 * 1024 }));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.message).toBe('/dev/zero: more than the 3 MiB limit; cnsctl stopped reading it');
  });

  it('refuses a directory as a usage error', async () => {
    expect((await failure(readFileBounded(await temp(), { maxBytes: 10 }))).code).toBe('USAGE');
  });

  describe('a FIFO', () => {
    const fifo = async () => {
      const path = join(await temp(), 'pipe');
      execFileSync('mkfifo', [path]);
      return path;
    };
    /** Opens the FIFO's write end without waiting (the reader holds it open already). */
    const writer = (path: string) => openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);

    it('reads what a writer sends, once the writer closes', async () => {
      const path = await fifo();
      const read = readFileBounded(path, { maxBytes: 100 });
      await untilOpenedHere(path);
      const fd = writer(path);
      writeSync(fd, 'kind: Snapshot\n');
      closeSync(fd);
      expect((await read).toString()).toBe('kind: Snapshot\n');
    });

    it('stops a writer that sends more than the limit', async () => {
      const path = await fifo();
      const read = readFileBounded(path, { maxBytes: 1000 });
      await untilOpenedHere(path);
      const fd = writer(path);
      writeSync(fd, 'x'.repeat(4000));
      const error = await failure(read);
      closeSync(fd);
      expect(error.code).toBe('INPUT_TOO_LARGE');
    });

    it('gives up waiting for a writer that never comes when the run is cancelled', async () => {
      const path = await fifo();
      const controller = new AbortController();
      const read = readFileBounded(path, { maxBytes: 100, signal: controller.signal });
      await untilOpenedHere(path);
      controller.abort();
      expect((await failure(read)).code).toBe('CANCELLED');
    });
  });
});

describe('collectBounded', () => {
  it('joins the chunks of a source within the limit', async () => {
    const chunks = Readable.from([Buffer.from('a: '), Buffer.from('1\n')]);
    expect((await collectBounded(chunks, 'src', { maxBytes: 5 })).toString()).toBe('a: 1\n');
  });

  it('abandons an endless source at the limit and releases it', async () => {
    let released = false;
    function* endless() {
      try {
        for (;;) yield Buffer.alloc(1024);
      } finally {
        released = true;
      }
    }
    const source = Readable.from(endless());
    const error = await failure(collectBounded(source, '<stdin>', { maxBytes: 10_000 }));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.message).toBe('<stdin>: more than the 9.8 KiB limit; cnsctl stopped reading it');
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(true);
  });

  it('stops waiting for a chunk that never comes when the signal aborts', async () => {
    const never: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => undefined) }),
    };
    const controller = new AbortController();
    const read = collectBounded(never, 'a FIFO', { maxBytes: 10, signal: controller.signal });
    controller.abort();
    expect((await failure(read)).code).toBe('CANCELLED');
  });
});

describe('formatBytes', () => {
  it.each([
    [100, '100 bytes'],
    [1024, '1 KiB'],
    [64 * 1024 * 1024, '64 MiB'],
    [1.5 * 1024 ** 3, '1.5 GiB'],
  ])('writes %i as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
