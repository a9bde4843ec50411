import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadRepositoryCatalog, thisProcess } from '../../../test/compose/this-process.js';
import { fixtureHostRoot } from '../../../test/snapshot/fixture-host.js';
import { NO_CLUSTER_REASON } from '../kube/open-kube-snapshot-source.js';
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
