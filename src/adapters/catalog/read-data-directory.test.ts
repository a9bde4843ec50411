import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCnsError } from '../../core/shared/errors.js';
import { MAX_DATA_FILE_BYTES, readDataDirectory } from './read-data-directory.js';

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cnsctl-data-'));
  await mkdir(join(dir, 'overlays'));
  await writeFile(join(dir, 'overlays', 'a.yaml'), 'a: 1\n');
  await writeFile(join(dir, 'registry.yaml'), 'r: 1\n');
  return dir;
}

async function expectCode(
  promise: Promise<unknown>,
  code: string,
  details: Record<string, unknown> = {},
) {
  try {
    await promise;
    expect.unreachable();
  } catch (error) {
    expect(isCnsError(error) && error.code).toBe(code);
    expect(isCnsError(error) && error.details).toMatchObject(details);
  }
}

describe('readDataDirectory', () => {
  it('reads every file by its relative path, sorted, skipping dot files', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, '.hidden.yaml'), 'x');
    expect(await readDataDirectory(dir)).toEqual({
      'overlays/a.yaml': 'a: 1\n',
      'registry.yaml': 'r: 1\n',
    });
  });

  it('follows a symlink that stays inside the directory', async () => {
    const dir = await dataDir();
    await symlink(join(dir, 'overlays', 'a.yaml'), join(dir, 'overlays', 'b.yaml'));
    expect(await readDataDirectory(dir)).toMatchObject({ 'overlays/b.yaml': 'a: 1\n' });
  });

  it('refuses a symlink that leaves the directory', async () => {
    const dir = await dataDir();
    const outside = await mkdtemp(join(tmpdir(), 'cnsctl-outside-'));
    await writeFile(join(outside, 'secret.yaml'), 'x');
    await symlink(join(outside, 'secret.yaml'), join(dir, 'overlays', 'leak.yaml'));
    await expectCode(readDataDirectory(dir), 'BAD_DATA', { path: 'overlays/leak.yaml' });
  });

  it('refuses a symlinked directory that leaves the directory', async () => {
    const dir = await dataDir();
    await symlink('/etc', join(dir, 'components'));
    await expectCode(readDataDirectory(dir), 'BAD_DATA', { path: 'components' });
  });

  it('refuses a file over the size limit', async () => {
    const dir = await dataDir();
    await writeFile(
      join(dir, 'overlays', 'huge.yaml'),
      Buffer.alloc(MAX_DATA_FILE_BYTES + 1, 0x61),
    );
    await expectCode(readDataDirectory(dir), 'BAD_DATA', { path: 'overlays/huge.yaml' });
  });

  it('reports a missing directory as NOT_FOUND and a file as USAGE', async () => {
    const dir = await dataDir();
    await expectCode(readDataDirectory(join(dir, 'nope')), 'NOT_FOUND');
    await expectCode(readDataDirectory(join(dir, 'registry.yaml')), 'USAGE');
  });
});
