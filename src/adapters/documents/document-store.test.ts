import { Readable } from 'node:stream';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCnsError } from '../../core/shared/errors.js';
import type { SchemeHandler } from '../../actions/ports.js';
import { createDocumentStore } from './document-store.js';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/snapshot.yaml') response.end('kind: Snapshot\n');
    else if (request.url === '/private') response.writeHead(403).end();
    else if (request.url === '/loop') response.writeHead(302, { location: '/loop' }).end();
    else if (request.url === '/declared-large')
      response.writeHead(200, { 'content-length': String(LIMIT + 1) }).end();
    else if (request.url === '/chunked-endless') {
      // No length declared: the body streams until the reader hangs up.
      const send = () => {
        while (response.write(Buffer.alloc(16 * 1024))) {
          if (response.destroyed) return;
        }
        response.once('drain', send);
      };
      response.writeHead(200);
      send();
    } else if (request.url === '/trickle') {
      // Headers at once, then one byte now and then: only a deadline over the whole body ends it.
      response.writeHead(200, { 'content-type': 'text/yaml' });
      const timer = setInterval(() => response.write('#'), 100);
      response.on('close', () => clearInterval(timer));
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const LIMIT = 64 * 1024;
let stdout = '';
let stdin: () => Readable = () => Readable.from([Buffer.from('from stdin')]);
const store = (schemes: Record<string, SchemeHandler> = {}) =>
  createDocumentStore({
    maxBytes: LIMIT,
    // Short enough for the trickle to outlast it, long enough for a loaded machine's real answers.
    urlTimeoutMs: 3_000,
    stdio: {
      openStdin: () => stdin(),
      writeStdout: (text) => {
        stdout += text;
        return Promise.resolve();
      },
    },
    schemes,
    processId: process.pid,
  });

async function expectCode(promise: Promise<unknown>, code: string) {
  try {
    await promise;
    expect.unreachable();
  } catch (error) {
    expect(isCnsError(error) && error.code).toBe(code);
  }
}

describe('document store', () => {
  it('reads stdin for -', async () => {
    expect(await store().read('-')).toBe('from stdin');
  });

  it('reads a file by path and by file:// URL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-docs-'));
    await writeFile(join(dir, 'a.yaml'), 'a: 1\n');
    expect(await store().read(join(dir, 'a.yaml'))).toBe('a: 1\n');
    expect(await store().read(`file://${join(dir, 'a.yaml')}`)).toBe('a: 1\n');
  });

  it('reads an http URL', async () => {
    expect(await store().read(`${base}/snapshot.yaml`)).toBe('kind: Snapshot\n');
  });

  it.each([
    ['a missing file', () => '/nonexistent/x.yaml', 'NOT_FOUND'],
    ['a directory', () => tmpdir(), 'USAGE'],
    ['a 404', () => `${base}/missing`, 'NOT_FOUND'],
    ['a 403', () => `${base}/private`, 'FORBIDDEN'],
    ['a refused connection', () => 'http://127.0.0.1:1/x', 'CLUSTER_UNREACHABLE'],
    ['an unknown scheme', () => 'cm://gpu-operator/cns-snapshot', 'USAGE'],
    ['a URL that is not one', () => 'http://', 'USAGE'],
    ['an empty location', () => '', 'USAGE'],
    ['a body declared over the limit', () => `${base}/declared-large`, 'INPUT_TOO_LARGE'],
    ['an endless chunked body', () => `${base}/chunked-endless`, 'INPUT_TOO_LARGE'],
    ['a body that trickles past the deadline', () => `${base}/trickle`, 'TIMEOUT'],
    ['a redirect loop', () => `${base}/loop`, 'UNAVAILABLE'],
  ])('maps %s to its error code', async (_name, uri, code) => {
    await expectCode(store().read(uri()), code);
  });

  it('says a redirect loop is one, not that it cannot connect', async () => {
    await expect(store().read(`${base}/loop`)).rejects.toThrow(
      `${base}/loop: too many redirects (a redirect loop?); give the final URL`,
    );
  });

  it('stops reading standard input at the limit', async () => {
    function* endless() {
      for (;;) yield Buffer.alloc(4096);
    }
    stdin = () => Readable.from(endless());
    try {
      await expect(store().read('-')).rejects.toThrow(
        '<stdin>: more than the 64 KiB limit; cnsctl stopped reading it',
      );
    } finally {
      stdin = () => Readable.from([Buffer.from('from stdin')]);
    }
  });

  it('hands a registered scheme its URIs', async () => {
    const seen: string[] = [];
    const cm: SchemeHandler = {
      read: (uri) => Promise.resolve(`read ${uri}`),
      write: (uri, text) => {
        seen.push(`${uri}=${text}`);
        return Promise.resolve();
      },
    };
    expect(await store({ cm }).read('cm://ns/name')).toBe('read cm://ns/name');
    await store({ cm }).write('cm://ns/name', 'x');
    expect(seen).toEqual(['cm://ns/name=x']);
  });

  it('refuses - where there is no standard input or output (the server)', async () => {
    const serverStore = createDocumentStore({ processId: process.pid });
    await expectCode(serverStore.read('-'), 'USAGE');
    await expectCode(serverStore.write(undefined, 'x'), 'USAGE');
  });

  it('writes stdout when no location or - is given', async () => {
    stdout = '';
    await store().write(undefined, 'one ');
    await store().write('-', 'two');
    expect(stdout).toBe('one two');
  });

  it('writes files atomically, creating directories, leaving no temp files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-docs-'));
    await store().write(join(dir, 'deep', 'out.yaml'), 'b: 2\n');
    expect(await readFile(join(dir, 'deep', 'out.yaml'), 'utf8')).toBe('b: 2\n');
    expect(await readdir(join(dir, 'deep'))).toEqual(['out.yaml']);
  });

  it.skipIf(process.getuid?.() === 0)(
    'leaves the old file and no temp file when the write fails',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cnsctl-docs-'));
      await writeFile(join(dir, 'out.yaml'), 'old\n');
      await chmod(dir, 0o500);
      await expectCode(store().write(join(dir, 'out.yaml'), 'new\n'), 'FORBIDDEN');
      await chmod(dir, 0o700);
      expect(await readFile(join(dir, 'out.yaml'), 'utf8')).toBe('old\n');
      expect(await readdir(dir)).toEqual(['out.yaml']);
    },
  );

  it('removes its temp file when the final rename fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-docs-'));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'taken'));
    await expectCode(store().write(join(dir, 'taken'), 'new\n'), 'USAGE');
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it('refuses to write to a URL', async () => {
    await expectCode(store().write(`${base}/x`, 'x'), 'USAGE');
  });

  it('refuses to write to an empty location (-o "")', async () => {
    await expectCode(store().write('', 'x'), 'USAGE');
  });
});

describe('writing to something that is not a regular file', () => {
  it('writes a FIFO in place instead of replacing it with a file', async () => {
    const { execFileSync } = await import('node:child_process');
    const { createReadStream } = await import('node:fs');
    const { lstat } = await import('node:fs/promises');
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-docs-'));
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    let received = '';
    const reader = new Promise<void>((resolve) => {
      createReadStream(fifo)
        .on('data', (chunk) => (received += chunk.toString()))
        .on('end', resolve);
    });
    await store().write(fifo, 'through the pipe\n');
    await reader;
    expect(received).toBe('through the pipe\n');
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });
});
