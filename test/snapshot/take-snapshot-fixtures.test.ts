import { describe, expect, it } from 'vitest';
import { takeSnapshot, type SnapshotOptions } from '../../src/actions/snapshot/take-snapshot.js';
import type { OpenKubeSnapshotSource } from '../../src/actions/ports.js';
import { DEFAULT_SYSTEMD_UNITS } from '../../src/actions/snapshot/collect-systemd.js';
import { toYaml } from '../../src/core/shared/serialize.js';
import { findMeasurement, type Snapshot } from '../../src/core/snapshot/snapshot.js';
import { fixtureHost, noCluster, realTime } from './fixture-host.js';
import { expectSnapshotGolden } from './golden.js';

const options: SnapshotOptions = {
  includeNetSysctl: false,
  systemdUnits: DEFAULT_SYSTEMD_UNITS,
  allProperties: false,
  requireGpu: false,
  timeoutMs: 10_000,
};
const clock = { now: () => new Date('2026-01-13T13:02:29Z') };

async function snapshotOf(
  host: string,
  overrides: Partial<SnapshotOptions> = {},
  openKube: OpenKubeSnapshotSource = noCluster,
): Promise<Snapshot> {
  const { files, commands } = fixtureHost(host);
  const { snapshot } = await takeSnapshot(
    { ...options, ...overrides },
    { files, commands, openKube, clock, ...realTime, toolVersion: '0.1.0' },
  );
  return snapshot;
}

const subtypesOf = (snapshot: Snapshot, type: string): string[] =>
  snapshot.measurements.find((m) => m.type === type)?.subtypes.map((s) => s.subtype) ?? [];
const dataOf = (snapshot: Snapshot, type: string, subtype: string) =>
  snapshot.measurements.find((m) => m.type === type)?.subtypes.find((s) => s.subtype === subtype)
    ?.data ?? {};

function matchGolden(name: string, snapshot: Snapshot): void {
  expectSnapshotGolden(`${name}.yaml`, toYaml(snapshot));
}

describe('takeSnapshot of a full Ubuntu GPU node', async () => {
  const snapshot = await snapshotOf('ubuntu-gpu-node');

  it('records SystemD, OS and GPU in the demo order, and K8s as unavailable', () => {
    expect(snapshot.measurements.map((m) => m.type)).toEqual(['SystemD', 'OS', 'GPU']);
    expect(snapshot.collectors).toEqual([
      { name: 'gpu', status: 'ok' },
      {
        name: 'k8s',
        status: 'unavailable',
        reason: 'no kubeconfig or in-cluster configuration found',
      },
      { name: 'os', status: 'ok' },
      { name: 'systemd', status: 'ok' },
    ]);
  });

  it('describes the node in the metadata', () => {
    expect(snapshot.metadata).toMatchObject({
      'source-node': 'ip-10-0-182-128.ec2.internal',
      timestamp: '2026-01-13T13:02:29Z',
      version: '0.1.0',
    });
  });

  it('answers the constraints of the demo recipe', () => {
    expect(findMeasurement(snapshot, 'OS', 'release', 'ID')).toBe('ubuntu');
    expect(findMeasurement(snapshot, 'OS', 'release', 'VERSION_ID')).toBe('24.04');
    expect(findMeasurement(snapshot, 'OS', 'sysctl', '/proc/sys/kernel/osrelease')).toBe(
      '6.8.0-1043-aws',
    );
  });

  it('records every GPU in index order with the summary and the kernel driver', () => {
    expect(subtypesOf(snapshot, 'GPU')).toEqual([
      'driver',
      'gpu-0',
      'gpu-1',
      'gpu-2',
      'gpu-3',
      'gpu-4',
      'gpu-5',
      'gpu-6',
      'gpu-7',
      'smi',
    ]);
    expect(dataOf(snapshot, 'GPU', 'smi')).toMatchObject({
      driver: '580.159.04',
      'cuda-version': '13.0',
      'gpu-count': 8,
      'gpu.model': 'NVIDIA H100 80GB HBM3',
    });
    expect(dataOf(snapshot, 'GPU', 'driver')).toMatchObject({
      version: '580.159.04',
      'kernel-module': 'open',
    });
    expect(dataOf(snapshot, 'GPU', 'gpu-3')).toMatchObject({
      'mig-mode': 'Enabled',
      'mig-devices': 7,
    });
  });

  it('records the OS parts: release, kernel, modules, command line and a filtered /proc/sys', () => {
    expect(subtypesOf(snapshot, 'OS')).toEqual(['grub', 'kernel', 'kmod', 'release', 'sysctl']);
    expect(dataOf(snapshot, 'OS', 'kernel')).toEqual({
      arch: 'x86_64',
      release: '6.8.0-1043-aws',
      version: '#46-Ubuntu SMP Tue Dec 2 10:21:33 UTC 2025',
    });
    expect(dataOf(snapshot, 'OS', 'kmod')).toMatchObject({
      nvidia: true,
      nvidia_uvm: true,
      efa: true,
    });
    expect(dataOf(snapshot, 'OS', 'grub')).toMatchObject({
      console: 'tty1 ttyS0',
      iommu: 'pt',
      ro: '',
    });
    const sysctl = dataOf(snapshot, 'OS', 'sysctl');
    expect(sysctl).toMatchObject({
      '/proc/sys/vm/swappiness': '60',
      '/proc/sys/kernel/numa_balancing': '0',
    });
    for (const left of [
      '/proc/sys/net/core/rmem_max',
      '/proc/sys/kernel/random/uuid',
      '/proc/sys/fs/file-nr',
    ]) {
      expect(sysctl).not.toHaveProperty(left);
    }
    expect(sysctl).not.toHaveProperty('/proc/sys/debug/binary-sample');
  });

  it('records the installed units with volatile properties left out', () => {
    expect(subtypesOf(snapshot, 'SystemD')).toEqual(['containerd.service', 'kubelet.service']);
    expect(dataOf(snapshot, 'SystemD', 'containerd.service')).toMatchObject({
      CPUAccounting: 'yes',
      Delegate: 'yes',
    });
    expect(dataOf(snapshot, 'SystemD', 'containerd.service')).not.toHaveProperty('MainPID');
  });

  it('matches its golden YAML, so the whole document is deterministic', () => {
    matchGolden('ubuntu-gpu-node', snapshot);
  });

  it('walks /proc/sys/net and keeps volatile values when asked', async () => {
    const full = await snapshotOf('ubuntu-gpu-node', {
      includeNetSysctl: true,
      allProperties: true,
    });
    expect(dataOf(full, 'OS', 'sysctl')).toMatchObject({
      '/proc/sys/net/ipv4/tcp_rmem': '4096 131072 6291456',
      '/proc/sys/kernel/random/uuid': '3f2b9c1e-0d4a-4e8b-9a7c-6b5d4e3f2a1b',
    });
    expect(dataOf(full, 'SystemD', 'containerd.service')).toMatchObject({ MainPID: '1187' });
  });

  it('collects only the units asked for', async () => {
    const only = await snapshotOf('ubuntu-gpu-node', { systemdUnits: ['kubelet.service'] });
    expect(subtypesOf(only, 'SystemD')).toEqual(['kubelet.service']);
  });
});

describe('takeSnapshot of a minimal host (the real H100 capture: no systemctl, lsmod or D-Bus)', async () => {
  const snapshot = await snapshotOf('h100-minimal');

  it('records what is there and says what is not', () => {
    expect(snapshot.measurements.map((m) => m.type)).toEqual(['OS', 'GPU']);
    expect(snapshot.collectors).toEqual([
      { name: 'gpu', status: 'ok' },
      {
        name: 'gpu.driver',
        status: 'unavailable',
        reason: 'the NVIDIA kernel driver is not loaded (/proc/driver/nvidia/version absent)',
      },
      {
        name: 'k8s',
        status: 'unavailable',
        reason: 'no kubeconfig or in-cluster configuration found',
      },
      { name: 'os', status: 'ok' },
      { name: 'os.grub', status: 'unavailable', reason: '/proc/cmdline: not found' },
      {
        name: 'systemd',
        status: 'unavailable',
        reason: 'systemctl not found on the host (no systemd)',
      },
    ]);
    expect(snapshot.metadata).not.toHaveProperty('source-node');
  });

  it('reads the captured facts', () => {
    expect(dataOf(snapshot, 'OS', 'kmod')).toEqual({ nvidia: true, nvidia_uvm: true });
    expect(dataOf(snapshot, 'OS', 'release')).toMatchObject({ ID: 'ubuntu', VERSION_ID: '24.04' });
    expect(dataOf(snapshot, 'OS', 'sysctl')).toEqual({
      '/proc/sys/kernel/numa_balancing': '0',
      '/proc/sys/kernel/osrelease': '6.18.44-fc-v657-gpu',
      '/proc/sys/kernel/pid_max': '32768',
      '/proc/sys/vm/swappiness': '60',
    });
    expect(subtypesOf(snapshot, 'GPU')).toEqual(['gpu-0', 'smi']);
    expect(dataOf(snapshot, 'GPU', 'smi')).toMatchObject({
      driver: '580.159.04',
      'gpu-count': 1,
      'gpu.count': '1',
    });
  });

  it('matches its golden YAML', () => {
    matchGolden('h100-minimal', snapshot);
  });
});

describe('takeSnapshot of a host with no GPU', async () => {
  const snapshot = await snapshotOf('no-gpu-host');

  it('records the GPU as unavailable with both reasons, and everything else', () => {
    expect(snapshot.measurements.map((m) => m.type)).toEqual(['SystemD', 'OS']);
    expect(snapshot.collectors?.find((c) => c.name === 'gpu')).toEqual({
      name: 'gpu',
      status: 'unavailable',
      reason:
        'no NVIDIA GPU found: nvidia-smi not found on the host; the NVIDIA kernel driver is not loaded (/proc/driver/nvidia/version absent)',
    });
    expect(dataOf(snapshot, 'OS', 'grub')).toMatchObject({ console: 'tty0 ttyS0,115200' });
    expect(subtypesOf(snapshot, 'SystemD')).toEqual(['containerd.service']);
  });

  it('fails with UNAVAILABLE when a GPU is required', async () => {
    await expect(snapshotOf('no-gpu-host', { requireGpu: true })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('a GPU is required but none was found: no NVIDIA GPU found'),
    });
  });

  it('does not fail a GPU node when a GPU is required', async () => {
    await expect(snapshotOf('h100-minimal', { requireGpu: true })).resolves.toBeDefined();
  });

  it('matches its golden YAML', () => {
    matchGolden('no-gpu-host', snapshot);
  });
});
