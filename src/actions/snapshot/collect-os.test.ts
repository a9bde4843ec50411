import { describe, expect, it } from 'vitest';
import { CnsError } from '../../core/shared/errors.js';
import { fixtureHost, noCluster, realTime } from '../../../test/snapshot/fixture-host.js';
import type { HostFiles } from '../ports.js';
import { osCollector } from './collect-os.js';
import { runCollectors } from './run-collectors.js';

const selection = { includeNet: false, keepVolatile: false };

/** The fixture's files, with some paths refused the way the real adapter refuses them. */
function refusing(
  files: HostFiles,
  refused: (path: string, op: 'read' | 'list') => CnsError | undefined,
): HostFiles {
  return {
    root: files.root,
    readText: (path, options) => {
      const error = refused(path, 'read');
      return error ? Promise.reject(error) : files.readText(path, options);
    },
    readTexts: async (paths, options) => {
      const texts = await files.readTexts(paths, options);
      return new Map([...texts].map(([path, text]) => [path, refused(path, 'read') ?? text]));
    },
    list: (path) => {
      const error = refused(path, 'list');
      return error ? Promise.reject(error) : files.list(path);
    },
  };
}

async function osRun(
  host: string,
  refuse: Parameters<typeof refusing>[1] = () => undefined,
  commands: Parameters<typeof fixtureHost>[1] = {},
) {
  const fixture = fixtureHost(host, commands);
  const files = refusing(fixture.files, refuse);
  const [run] = await runCollectors(
    [osCollector(selection)],
    { files, commands: fixture.commands, openKube: noCluster, ...realTime },
    {
      timeoutMs: 5000,
    },
  );
  return { run: run!, calls: fixture.commands.calls };
}

const data = (run: Awaited<ReturnType<typeof osRun>>['run'], subtype: string) =>
  run.subtypes.find((s) => s.subtype === subtype)?.data;
const forbidden = (path: string) => new CnsError('FORBIDDEN', `${path}: permission denied`);
const notFound = (path: string) => new CnsError('NOT_FOUND', `${path}: not found`);

describe('the OS collector', () => {
  it('keeps the kernel at sysctl./proc/sys/kernel/osrelease when /proc/sys cannot be walked', async () => {
    const { run, calls } = await osRun('ubuntu-gpu-node', (path, op) =>
      op === 'list' && path === '/proc/sys' ? forbidden(path) : undefined,
    );
    expect(data(run, 'sysctl')).toEqual({ '/proc/sys/kernel/osrelease': '6.8.0-1043-aws' });
    expect(data(run, 'kernel')).toMatchObject({ release: '6.8.0-1043-aws', arch: 'x86_64' });
    expect(run.missing).toEqual([{ part: 'sysctl', reason: '/proc/sys: permission denied' }]);
    expect(calls).toEqual([]);
  });

  it('asks uname -r for the kernel when /proc/sys/kernel/osrelease cannot be read', async () => {
    const { run, calls } = await osRun('ubuntu-gpu-node', (path) =>
      path.startsWith('/proc/sys/kernel/') ? forbidden(path) : undefined,
    );
    expect(data(run, 'sysctl')?.['/proc/sys/kernel/osrelease']).toBe('6.8.0-1043-aws');
    expect(data(run, 'kernel')).toEqual({ release: '6.8.0-1043-aws', arch: 'x86_64' });
    expect(calls).toEqual(['uname -r', 'uname -m']);
  });

  it('falls back to /usr/lib/os-release when /etc/os-release is absent', async () => {
    const { run } = await osRun('no-gpu-host', (path) =>
      path === '/etc/os-release' ? notFound(path) : undefined,
    );
    expect(data(run, 'release')).toMatchObject({ ID: 'debian', VERSION_ID: '12' });
  });

  it('records the reason of the first source when neither os-release exists', async () => {
    const { run } = await osRun('no-gpu-host', (path) =>
      path.endsWith('/os-release') ? notFound(path) : undefined,
    );
    expect(run.missing).toContainEqual({ part: 'release', reason: '/etc/os-release: not found' });
  });

  it('is unavailable, with every reason, when nothing can be read', async () => {
    const { run } = await osRun('h100-minimal', (path) => forbidden(path), {
      uname: [{ args: '*', exitCode: 1, stderr: 'uname: cannot get system name\n' }],
    });
    expect(run.status).toBe('unavailable');
    expect(run.reason).toContain('no OS facts could be read');
    expect(run.reason).toContain('kmod: /proc/modules: permission denied');
  });
});
