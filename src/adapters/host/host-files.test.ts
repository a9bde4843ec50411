import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostFiles } from './host-files.js';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cns-host-files-'));
  root = join(base, 'host');
  await mkdir(join(root, 'usr/lib'), { recursive: true });
  await mkdir(join(root, 'etc'), { recursive: true });
  await mkdir(join(root, 'proc/sys/kernel'), { recursive: true });
  await mkdir(join(base, 'outside'), { recursive: true });
  await writeFile(join(root, 'usr/lib/os-release'), 'ID=ubuntu\n');
  await writeFile(join(root, 'proc/sys/kernel/osrelease'), '6.8.0-1043-aws\n');
  await writeFile(join(root, 'big'), 'x'.repeat(2000));
  await writeFile(
    join(root, 'large'),
    Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n'),
  );
  await writeFile(join(base, 'outside/secret'), 'outside the root\n');
  // The layout of a real Ubuntu root mounted at /host: a relative link, and absolute links that
  // must land under the root rather than on the machine running the snapshot.
  await symlink('../usr/lib/os-release', join(root, 'etc/os-release'));
  await symlink('/usr/lib/os-release', join(root, 'etc/absolute-release'));
  await symlink('usr/lib', join(root, 'lib'));
  await symlink('../../../../../../outside/secret', join(root, 'etc/climbing-link'));
  await symlink(join(base, 'outside/secret'), join(root, 'etc/absolute-escape'));
  await symlink('/loop', join(root, 'loop'));
  execFileSync('mkfifo', [join(root, 'fifo')]);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('createHostFiles under a host root', () => {
  it.each([
    ['a plain file', '/usr/lib/os-release', 'ID=ubuntu\n'],
    [
      'a relative symlink (/etc/os-release -> ../usr/lib/os-release)',
      '/etc/os-release',
      'ID=ubuntu\n',
    ],
    ['an absolute symlink, resolved under the root', '/etc/absolute-release', 'ID=ubuntu\n'],
    ['a path through a symlinked directory', '/lib/os-release', 'ID=ubuntu\n'],
    ['a path with . and .. that stays inside', '/etc/../usr/./lib/os-release', 'ID=ubuntu\n'],
  ])('reads %s', async (_name, path, expected) => {
    expect(await createHostFiles(root).readText(path)).toBe(expected);
  });

  it.each([
    ['a relative link that climbs above the root stops at the root', '/etc/climbing-link'],
    ['an absolute link to a real path outside lands under the root', '/etc/absolute-escape'],
  ])('never leaves the root: %s', async (_name, path) => {
    await expect(createHostFiles(root).readText(path)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['a relative path', 'etc/os-release'],
    ['a path that climbs above /', '/etc/../../outside/secret'],
  ])('refuses %s with USAGE', async (_name, path) => {
    await expect(createHostFiles(root).readText(path)).rejects.toMatchObject({ code: 'USAGE' });
  });

  it.each([
    ['a missing file', '/etc/missing', 'NOT_FOUND'],
    ['a file under a missing directory', '/nope/file', 'NOT_FOUND'],
    ['a directory', '/etc', 'UNAVAILABLE'],
    ['a symlink loop', '/loop', 'UNAVAILABLE'],
    ['a FIFO, refused without waiting for a writer', '/fifo', 'UNAVAILABLE'],
  ])('reports %s as %s, naming the host path and the root', async (_name, path, code) => {
    const error = await createHostFiles(root)
      .readText(path)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code, details: expect.objectContaining({ path, root }) });
    expect((error as Error).message).toContain(path);
  });

  it('reads many files in one call, each to its text or its error', async () => {
    const texts = await createHostFiles(root).readTexts([
      '/etc/os-release',
      '/etc/missing',
      'relative',
      '/etc',
    ]);
    expect(texts.get('/etc/os-release')).toBe('ID=ubuntu\n');
    expect(texts.get('/etc/missing')).toMatchObject({ code: 'NOT_FOUND' });
    expect(texts.get('relative')).toMatchObject({ code: 'USAGE' });
    expect(texts.get('/etc')).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses a file larger than maxBytes', async () => {
    await expect(createHostFiles(root).readText('/big', { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('larger than 1000 bytes'),
    });
    expect(await createHostFiles(root).readText('/big', { maxBytes: 2000 })).toHaveLength(2000);
  });

  it('reads a file larger than its read buffer whole', async () => {
    const expected = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n');
    expect(expected.length).toBeGreaterThan(128 * 1024);
    expect(await createHostFiles(root).readText('/large')).toBe(expected);
  });

  it('lists a directory sorted by name with the kind of each entry', async () => {
    expect(await createHostFiles(root).list('/etc')).toEqual([
      { name: 'absolute-escape', kind: 'other' },
      { name: 'absolute-release', kind: 'other' },
      { name: 'climbing-link', kind: 'other' },
      { name: 'os-release', kind: 'other' },
    ]);
    expect(await createHostFiles(root).list('/')).toContainEqual({
      name: 'usr',
      kind: 'directory',
    });
  });

  it('lists through a symlinked directory', async () => {
    expect(await createHostFiles(root).list('/lib')).toEqual([
      { name: 'os-release', kind: 'file' },
    ]);
  });

  it('reports its absolute root', () => {
    expect(createHostFiles(`${root}/`).root).toBe(root);
  });
});

describe('createHostFiles on this machine (root /)', () => {
  const files = createHostFiles('/');

  it('reads the running kernel release', async () => {
    const expected = await readFile('/proc/sys/kernel/osrelease', 'utf8');
    expect(await files.readText('/proc/sys/kernel/osrelease')).toBe(expected);
  });

  it.runIf(existsSync('/proc/sys/vm/compact_memory'))(
    'reports a write-only /proc/sys file as FORBIDDEN',
    async () => {
      await expect(files.readText('/proc/sys/vm/compact_memory')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    },
  );
});
