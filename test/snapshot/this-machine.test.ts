/**
 * The snapshot of the machine the tests run on: real files under /, real commands, the real cluster
 * detection. Values differ from machine to machine, so this asserts structure and agreement with the
 * machine's own files, not values.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SYSTEMD_UNITS } from '../../src/actions/snapshot/collect-systemd.js';
import { takeSnapshot, type SnapshotOptions } from '../../src/actions/snapshot/take-snapshot.js';
import { composePorts } from '../../src/adapters/compose/compose-ports.js';
import { toYaml } from '../../src/core/shared/serialize.js';
import {
  COLLECTOR_STATUSES,
  findMeasurement,
  snapshotSchema,
} from '../../src/core/snapshot/snapshot.js';
import { thisProcess } from '../compose/this-process.js';

const options: SnapshotOptions = {
  includeNetSysctl: false,
  systemdUnits: DEFAULT_SYSTEMD_UNITS,
  allProperties: false,
  requireGpu: false,
  timeoutMs: 15_000,
};
const clock = { now: () => new Date('2026-11-26T12:00:00Z') };

/** Through the ports the composition root builds for this process, as `cnsctl snapshot` runs. */
async function snapshotThisMachine() {
  const ports = composePorts(thisProcess());
  return takeSnapshot(options, {
    ...ports,
    ...(await ports.openHost('/')),
    clock,
    toolVersion: '0.0.0-test',
  });
}

function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a snapshot of this machine', async () => {
  const { snapshot, timings } = await snapshotThisMachine();

  it('is a valid Snapshot document', () => {
    expect(snapshotSchema.parse(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
  });

  it('records the outcome of every collector, with a reason for each that is not ok', () => {
    const collectors = snapshot.collectors ?? [];
    expect(collectors.map((c) => c.name)).toEqual(
      expect.arrayContaining(['gpu', 'k8s', 'os', 'systemd']),
    );
    for (const c of collectors) {
      expect(COLLECTOR_STATUSES).toContain(c.status);
      if (c.status !== 'ok') expect(c.reason).toMatch(/\S/);
    }
    expect(timings.map((t) => t.name).sort()).toEqual(['gpu', 'k8s', 'os', 'systemd']);
  });

  it('records the running kernel where recipes look for it', () => {
    const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
    expect(findMeasurement(snapshot, 'OS', 'sysctl', '/proc/sys/kernel/osrelease')).toBe(kernel);
    expect(findMeasurement(snapshot, 'OS', 'kernel', 'release')).toBe(kernel);
  });

  it('records the OS release of this machine', () => {
    const id = /^ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/"/g, '');
    expect(findMeasurement(snapshot, 'OS', 'release', 'ID')).toBe(id);
  });

  it('records loaded modules exactly when /proc/modules exists', () => {
    const kmod = snapshot.measurements
      .find((m) => m.type === 'OS')
      ?.subtypes.find((s) => s.subtype === 'kmod');
    expect(kmod !== undefined).toBe(existsSync('/proc/modules'));
  });

  it('records GPUs exactly when nvidia-smi is installed and finds one', () => {
    const gpu = snapshot.collectors?.find((c) => c.name === 'gpu');
    if (!hasProgram('nvidia-smi')) expect(gpu?.status).toBe('unavailable');
    if (
      gpu?.status === 'ok' &&
      findMeasurement(snapshot, 'GPU', 'smi', 'gpu-count') !== undefined
    ) {
      expect(Number(findMeasurement(snapshot, 'GPU', 'smi', 'gpu-count'))).toBeGreaterThan(0);
    }
  });

  it('is the same document when taken twice (nothing volatile is recorded)', async () => {
    const again = await snapshotThisMachine();
    expect(toYaml(again.snapshot)).toBe(toYaml(snapshot));
  });
});
