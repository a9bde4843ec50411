import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fromBufferPromise } from 'yauzl';
import { buildFileTree } from '../../core/bundle/file-tree.js';
import { loadRepositoryCatalog, thisProcess } from '../../../test/compose/this-process.js';
import { fixtureHostRoot } from '../../../test/snapshot/fixture-host.js';
import { NO_CLUSTER_REASON } from '../kube/kube-connection.js';
import { composePorts } from './compose-ports.js';

describe('composePorts', () => {
  it('opens the host at a host root: its files under that root', async () => {
    const host = await composePorts(thisProcess()).openHost(fixtureHostRoot('no-gpu-host'));
    expect(host.files.root).toBe(fixtureHostRoot('no-gpu-host'));
    expect(await host.files.readText('/etc/hostname')).toMatch(/\S/);
  });

  it('opens the cluster on demand, unavailable without a kubeconfig', async () => {
    const ports = composePorts(
      thisProcess({ env: { KUBECONFIG: '/nonexistent/kubeconfig', HOME: '/nonexistent' } }),
    );
    await expect(ports.openKube(new AbortController().signal)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: NO_CLUSTER_REASON,
    });
  });

  it('reads the embedded catalog once, however often the catalog is loaded', async () => {
    let reads = 0;
    const { catalogLoader } = composePorts(
      thisProcess({
        loadEmbeddedCatalog: () => {
          reads++;
          return loadRepositoryCatalog();
        },
      }),
    );
    const [first, second] = await Promise.all([catalogLoader.load(), catalogLoader.load()]);
    expect(first).toBe(second);
    expect(reads).toBe(1);
  });

  it('fixes the documents’ clock with SOURCE_DATE_EPOCH', () => {
    const { clock } = composePorts(thisProcess({ env: { SOURCE_DATE_EPOCH: '1768309558' } }));
    expect(clock.now().toISOString()).toBe('2026-01-13T13:05:58.000Z');
  });

  it.each([
    ['SOURCE_DATE_EPOCH when set', { SOURCE_DATE_EPOCH: '1768309558' }, '2026-01-13T13:05:58.000Z'],
    ['1980-01-02 without it', {}, '1980-01-02T00:00:00.000Z'],
  ])('dates bundle archives by %s, never by the wall clock', async (_, env, time) => {
    const writer = await composePorts(thisProcess({ env })).openBundleWriter();
    const tree = buildFileTree([{ path: 'README.md', content: '# bundle\n' }]);
    const zip = await fromBufferPromise(Buffer.from(await writer.archive(tree, 'zip')), {
      lazyEntries: true,
    });
    const times = [];
    for await (const entry of zip.eachEntry())
      times.push(entry.getLastModDate({ timezone: 'UTC' }).toISOString());
    expect(times).toEqual([time]);
  });

  it('reads a bundle back as the tree it was written from', async () => {
    const ports = composePorts(thisProcess());
    const tree = buildFileTree([
      { path: 'checksums.txt', content: '' },
      { path: 'a/run.sh', content: '#!/bin/sh\n', executable: true },
    ]);
    const bytes = await (await ports.openBundleWriter()).archive(tree, 'tar.gz');
    const file = join(mkdtempSync(join(tmpdir(), 'cnsctl-compose-')), 'b.tgz');
    writeFileSync(file, bytes);
    const read = await (await ports.openBundleReader()).read(file);
    expect([...read].map(([path, { mode }]) => [path, mode])).toEqual([
      ['a/run.sh', 0o755],
      ['checksums.txt', 0o644],
    ]);
  });

  it('reads - from standard input when the entry has one, and refuses it otherwise', async () => {
    const withStdio = composePorts(
      thisProcess({
        stdio: {
          openStdin: () => Readable.from([Buffer.from('kind: Snapshot\n')]),
          writeStdout: () => Promise.resolve(),
        },
      }),
    );
    expect(await withStdio.documents.read('-')).toBe('kind: Snapshot\n');
    await expect(composePorts(thisProcess()).documents.read('-')).rejects.toMatchObject({
      code: 'USAGE',
    });
  });

  it('hands locations of a registered scheme to its handler', async () => {
    const ports = composePorts(
      thisProcess({
        schemes: {
          cm: {
            read: (uri) => Promise.resolve(`from ${uri}`),
            write: () => Promise.resolve(),
          },
        },
      }),
    );
    expect(await ports.documents.read('cm://gpu-operator/cns-snapshot')).toBe(
      'from cm://gpu-operator/cns-snapshot',
    );
  });
});
