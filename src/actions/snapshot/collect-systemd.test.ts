import { describe, expect, it } from 'vitest';
import {
  fixtureHost,
  noCluster,
  realTime,
  type Recording,
} from '../../../test/snapshot/fixture-host.js';
import { CnsError } from '../../core/shared/errors.js';
import type { HostFiles } from '../ports.js';
import {
  DEFAULT_SYSTEMD_UNITS,
  SYSTEMD_RUNTIME_DIR,
  systemdCollector,
  type SystemdOptions,
} from './collect-systemd.js';
import { runCollectors } from './run-collectors.js';

const defaults: SystemdOptions = { units: DEFAULT_SYSTEMD_UNITS, allProperties: false };

async function systemdRun(
  host: string,
  options: Partial<SystemdOptions> = {},
  systemctl?: readonly Recording[],
) {
  const { files, commands } = fixtureHost(host, systemctl ? { systemctl } : {});
  const collector = systemdCollector({ ...defaults, ...options });
  const [run] = await runCollectors(
    [collector],
    { files, commands, openKube: noCluster, ...realTime },
    { timeoutMs: 5000 },
  );
  return { run: run!, calls: commands.calls };
}

describe('the SystemD collector', () => {
  it('asks systemctl for every unit in one call', async () => {
    const { calls } = await systemdRun('ubuntu-gpu-node');
    expect(calls).toEqual([
      'systemctl show --no-pager containerd.service docker.service kubelet.service',
    ]);
  });

  it('reports a host not booted with systemd as unavailable, with systemctl’s reason', async () => {
    const { run } = await systemdRun('ubuntu-gpu-node', {}, [
      {
        args: '*',
        exitCode: 1,
        stderr:
          "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n",
      },
    ]);
    expect(run).toMatchObject({
      status: 'unavailable',
      reason:
        "systemctl show failed: System has not been booted with systemd as init system (PID 1). Can't operate.",
    });
  });

  it('reports a host with none of the units as unavailable', async () => {
    const { run } = await systemdRun('no-gpu-host', {
      units: ['kubelet.service', 'docker.service'],
    });
    expect(run).toMatchObject({
      status: 'unavailable',
      reason: 'none of kubelet.service, docker.service is installed',
    });
  });

  it('reports an empty unit list as unavailable without running systemctl', async () => {
    const { run, calls } = await systemdRun('ubuntu-gpu-node', { units: [] });
    expect(run).toMatchObject({ status: 'unavailable', reason: 'no systemd units were asked for' });
    expect(calls).toEqual([]);
  });

  it.each([
    ['skips systemctl on a host read at / that was not booted with systemd', false, []],
    [
      'asks systemctl on a host read at / that runs systemd',
      true,
      ['systemctl show --no-pager kubelet.service'],
    ],
  ])('%s', async (_name, booted, expectedCalls) => {
    const fixture = fixtureHost('ubuntu-gpu-node');
    const files: HostFiles = {
      root: '/',
      readText: (path) => fixture.files.readText(path),
      readTexts: (paths) => fixture.files.readTexts(paths),
      list: (path) =>
        path === SYSTEMD_RUNTIME_DIR && !booted
          ? Promise.reject(new CnsError('NOT_FOUND', `${path}: not found`))
          : Promise.resolve([]),
    };
    const collector = systemdCollector({ units: ['kubelet.service'], allProperties: false });
    const [run] = await runCollectors(
      [collector],
      { files, commands: fixture.commands, openKube: noCluster, ...realTime },
      {
        timeoutMs: 5000,
      },
    );
    expect(fixture.commands.calls).toEqual(expectedCalls);
    if (!booted) {
      expect(run).toMatchObject({
        status: 'unavailable',
        reason: 'systemd is not running on this host (no /run/systemd/system)',
      });
    }
  });

  it('keeps every property, volatile ones included, when asked', async () => {
    const { run } = await systemdRun('no-gpu-host', { allProperties: true });
    expect(run.subtypes[0]?.data).toMatchObject({
      MainPID: '611',
      InvocationID: '5e4d3c2b1a0f4e9d8c7b6a5f4e3d2c1b',
    });
  });
});
