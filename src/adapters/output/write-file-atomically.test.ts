import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeferInterrupts } from '../../actions/ports.js';
import { writeFileAtomically } from './write-file-atomically.js';

const options = { processId: process.pid };
const temp = () => mkdtemp(join(tmpdir(), 'cnsctl-atomic-'));

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the write to fail');
}

const modeOf = async (path: string) => (await stat(path)).mode & 0o7777;

describe('writeFileAtomically onto a symlink', () => {
  it('replaces the file the link points to and keeps the link', async () => {
    const dir = await temp();
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real', 'out.yaml'), 'old\n');
    await symlink('real/out.yaml', join(dir, 'link.yaml'));
    await writeFileAtomically(join(dir, 'link.yaml'), 'new\n', options);
    expect((await lstat(join(dir, 'link.yaml'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, 'link.yaml'))).toBe('real/out.yaml');
    expect(await readFile(join(dir, 'real', 'out.yaml'), 'utf8')).toBe('new\n');
    // The temp file was made beside the target, in its directory, and is gone.
    expect(await readdir(join(dir, 'real'))).toEqual(['out.yaml']);
    expect((await readdir(dir)).sort()).toEqual(['link.yaml', 'real']);
  });

  it('follows a chain of relative links', async () => {
    const dir = await temp();
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'a', 'target.yaml'), 'old\n');
    await symlink('a/target.yaml', join(dir, 'one'));
    await symlink('one', join(dir, 'two'));
    await writeFileAtomically(join(dir, 'two'), 'new\n', options);
    expect(await readFile(join(dir, 'a', 'target.yaml'), 'utf8')).toBe('new\n');
    expect((await lstat(join(dir, 'one'))).isSymbolicLink()).toBe(true);
  });

  it('creates the missing file a dangling link points to', async () => {
    const dir = await temp();
    await symlink(join(dir, 'later.yaml'), join(dir, 'link.yaml'));
    await writeFileAtomically(join(dir, 'link.yaml'), 'made\n', options);
    expect(await readFile(join(dir, 'later.yaml'), 'utf8')).toBe('made\n');
    expect((await lstat(join(dir, 'link.yaml'))).isSymbolicLink()).toBe(true);
  });

  it('refuses a link loop as a usage error, writing nothing', async () => {
    const dir = await temp();
    await symlink(join(dir, 'b'), join(dir, 'a'));
    await symlink(join(dir, 'a'), join(dir, 'b'));
    const error = await failure(writeFileAtomically(join(dir, 'a'), 'x', options));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('symbolic links');
    expect((await readdir(dir)).sort()).toEqual(['a', 'b']);
  });
});

describe('writeFileAtomically and permissions', () => {
  it.each([0o600, 0o640, 0o755])('keeps an existing file’s mode %o', async (mode) => {
    const dir = await temp();
    const file = join(dir, 'out.yaml');
    await writeFile(file, 'old\n');
    await chmod(file, mode);
    await writeFileAtomically(file, 'new\n', options);
    expect(await modeOf(file)).toBe(mode);
    expect(await readFile(file, 'utf8')).toBe('new\n');
  });

  it('keeps the mode of the file behind a link', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'secret.yaml'), 'old\n');
    await chmod(join(dir, 'secret.yaml'), 0o600);
    await symlink('secret.yaml', join(dir, 'link.yaml'));
    await writeFileAtomically(join(dir, 'link.yaml'), 'new\n', options);
    expect(await modeOf(join(dir, 'secret.yaml'))).toBe(0o600);
  });

  it('creates a new file 0644 less the umask', async () => {
    const dir = await temp();
    await writeFileAtomically(join(dir, 'new.yaml'), 'x', options);
    expect(await modeOf(join(dir, 'new.yaml'))).toBe(0o644 & ~process.umask());
  });
});

describe('writeFileAtomically and names', () => {
  it('writes a target whose name is near the 255-byte limit (its temp name is cut)', async () => {
    const dir = await temp();
    const name = `${'n'.repeat(245)}.yaml`;
    await writeFileAtomically(join(dir, name), 'x', options);
    expect(await readdir(dir)).toEqual([name]);
  });

  it.each([
    ['a name over 255 bytes', (dir: string) => join(dir, `${'n'.repeat(300)}.yaml`), 'USAGE'],
    ['a path under a file', (dir: string) => join(dir, 'file', 'x.yaml'), 'USAGE'],
    ['a directory', (dir: string) => dir, 'USAGE'],
  ])('refuses %s with %s', async (_name, target, code) => {
    const dir = await temp();
    await writeFile(join(dir, 'file'), 'keep\n');
    const error = await failure(writeFileAtomically(target(dir), 'x', options));
    expect(error.code).toBe(code);
    expect(await readdir(dir)).toEqual(['file']);
  });
});

describe('writeFileAtomically and interrupts', () => {
  it('writes nothing once the run is aborted', async () => {
    const dir = await temp();
    const controller = new AbortController();
    controller.abort();
    const write = writeFileAtomically(join(dir, 'out.yaml'), 'x', {
      ...options,
      signal: controller.signal,
    });
    expect((await failure(write)).code).toBe('CANCELLED');
    expect(await readdir(dir)).toEqual([]);
  });

  it('holds interrupts exactly while its temp file exists, and removes it when aborted inside', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'out.yaml'), 'old\n');
    const controller = new AbortController();
    const seen: string[][] = [];
    // An interrupt that arrives while the write holds interrupts off: the run's signal aborts.
    const deferInterrupts: DeferInterrupts = async (work) => {
      seen.push(await readdir(dir));
      controller.abort();
      try {
        return await work();
      } finally {
        seen.push(await readdir(dir));
      }
    };
    const write = writeFileAtomically(join(dir, 'out.yaml'), 'new\n', {
      ...options,
      deferInterrupts,
      signal: controller.signal,
    });
    expect((await failure(write)).code).toBe('CANCELLED');
    expect(seen).toEqual([['out.yaml'], ['out.yaml']]);
    expect(await readFile(join(dir, 'out.yaml'), 'utf8')).toBe('old\n');
  });
});
