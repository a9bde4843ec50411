import { chmod, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCnsError } from '../../core/shared/errors.js';
import { createDocumentLister } from './document-lister.js';

const lister = createDocumentLister();

async function fleetDirectory(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cnsctl-lister-'));
  await Promise.all(
    ['node-b.yaml', 'node-a.json', 'node-c.YML', '.hidden.yaml', 'README.md'].map((name) =>
      writeFile(join(dir, name), 'kind: Snapshot\n'),
    ),
  );
  await mkdir(join(dir, 'nested.yaml'));
  await symlink(join(dir, 'node-a.json'), join(dir, 'node-d.yaml'));
  return dir;
}

describe('document lister', () => {
  it('lists the document files of a directory by name, skipping dot files, other files and directories', async () => {
    const dir = await fleetDirectory();
    expect(await lister.list(dir)).toEqual(
      ['node-a.json', 'node-b.yaml', 'node-c.YML', 'node-d.yaml'].map((name) => join(dir, name)),
    );
  });

  it.each([
    ['standard input', '-'],
    ['a URL', 'https://example.test/snapshots/'],
    ['a ConfigMap', 'cm://gpu-operator/cns-snapshot'],
    ['a path that does not exist (reading it reports why)', '/nonexistent/fleet'],
  ])('says %s is one document', async (_name, location) => {
    expect(await lister.list(location)).toBeUndefined();
  });

  it('says a file is one document', async () => {
    const dir = await fleetDirectory();
    expect(await lister.list(join(dir, 'node-b.yaml'))).toBeUndefined();
  });

  it('gives an empty list for a directory without documents', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-lister-empty-'));
    expect(await lister.list(dir)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)(
    'reports a directory it may not read as FORBIDDEN',
    async () => {
      const dir = await fleetDirectory();
      await chmod(dir, 0o000);
      try {
        await lister.list(dir);
        expect.unreachable();
      } catch (error) {
        expect(isCnsError(error) && error.code).toBe('FORBIDDEN');
      } finally {
        await chmod(dir, 0o755);
      }
    },
  );
});
