import { describe, expect, it } from 'vitest';
import { generateFleet, nodeName } from '../../../test/diff/generate-fleet.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { compareFleet } from './compare-fleet.js';
import { diffExitCode } from './diff-exit-code.js';

const meta = { generatedAt: '2026-11-26T16:00:00Z', version: '0.1.0' };

describe('compareFleet', () => {
  describe('50 nodes, one on an old kernel and one with a different driver and a missing module', () => {
    const fleet = generateFleet({
      nodes: 50,
      outliers: {
        17: {
          'OS.sysctl./proc/sys/kernel/osrelease': '6.8.0-1024-aws',
          'OS.grub.BOOT_IMAGE': '/boot/vmlinuz-6.8.0-1024-aws',
        },
        41: {
          'GPU.smi.driver': '550.163.01',
          'OS.kmod.nvidia_uvm': null,
          'K8s.image.nvidia-driver-daemonset': '550.163.01-ubuntu24.04',
        },
      },
    });
    const report = compareFleet(fleet, {}, meta);

    it('ranks the two broken nodes as the outliers, most differing keys first', () => {
      expect(report.outliers).toEqual([
        {
          node: nodeName(41),
          source: 'fleet/0041.yaml',
          keys: ['GPU.smi.driver', 'K8s.image.nvidia-driver-daemonset', 'OS.kmod.nvidia_uvm'],
        },
        {
          node: nodeName(17),
          source: 'fleet/0017.yaml',
          keys: ['OS.grub.BOOT_IMAGE', 'OS.sysctl./proc/sys/kernel/osrelease'],
        },
      ]);
      expect(report.summary).toMatchObject({
        status: 'different',
        nodes: 50,
        differing: 5,
        outlierNodes: 2,
      });
      expect(diffExitCode(report)).toBe(1);
    });

    it('shows the majority value with its count and the outliers by name', () => {
      const kernel = report.differences.find(
        (d) => d.key === 'OS.sysctl./proc/sys/kernel/osrelease',
      );
      expect(kernel).toEqual({
        key: 'OS.sysctl./proc/sys/kernel/osrelease',
        type: 'OS',
        subtype: 'sysctl',
        majority: { value: '6.8.0-1043-aws', count: 49 },
        outliers: [{ value: '6.8.0-1024-aws', count: 1, nodes: [nodeName(17)] }],
      });
    });

    it('groups a node that lacks a key as absent', () => {
      const uvm = report.differences.find((d) => d.key === 'OS.kmod.nvidia_uvm');
      expect(uvm?.majority).toEqual({ value: 'true', count: 49 });
      expect(uvm?.outliers).toEqual([{ absent: true, count: 1, nodes: [nodeName(41)] }]);
    });

    it('ignores what differs on every node by nature: names, times, PIDs, counters', () => {
      expect(report.differences.map((d) => d.key)).toEqual([
        'GPU.smi.driver',
        'K8s.image.nvidia-driver-daemonset',
        'OS.grub.BOOT_IMAGE',
        'OS.kmod.nvidia_uvm',
        'OS.sysctl./proc/sys/kernel/osrelease',
      ]);
      expect(report.summary.ignored).toBeGreaterThanOrEqual(9);
    });

    it('gives the same report for the same fleet in any order of differences', () => {
      expect(compareFleet([...fleet].reverse(), {}, meta).differences).toEqual(report.differences);
    });
  });

  it('finds a fleet of identical configuration uniform, exit code 0', () => {
    const report = compareFleet(generateFleet({ nodes: 12 }), {}, meta);
    expect(report.summary).toMatchObject({ status: 'uniform', differing: 0, outlierNodes: 0 });
    expect(report.outliers).toEqual([]);
    expect(diffExitCode(report)).toBe(0);
  });

  it('marks an even split as a tie with no majority and no outliers', () => {
    const outliers = Object.fromEntries(
      [0, 1, 2].map((i) => [i, { 'GPU.smi.gpu.model': 'NVIDIA A100-SXM4-80GB' }]),
    );
    const report = compareFleet(generateFleet({ nodes: 6, outliers }), {}, meta);
    const model = report.differences[0];
    expect(model).toMatchObject({
      key: 'GPU.smi.gpu.model',
      tie: true,
      majority: {
        value: 'NVIDIA A100-SXM4-80GB',
        count: 3,
        nodes: [nodeName(0), nodeName(1), nodeName(2)],
      },
      outliers: [{ value: 'NVIDIA H100 80GB HBM3', count: 3 }],
    });
    expect(report.outliers).toEqual([]);
  });

  it('orders groups of equal size by value and puts absent last', () => {
    const report = compareFleet(
      generateFleet({
        nodes: 7,
        outliers: { 0: { 'OS.kmod.nvidia_peermem': 'b' }, 1: { 'OS.kmod.nvidia_peermem': 'a' } },
      }),
      {},
      meta,
    );
    const peermem = report.differences.find((d) => d.key === 'OS.kmod.nvidia_peermem');
    expect(peermem?.majority).toEqual({ absent: true, count: 5 });
    expect(peermem?.outliers.map((g) => g.value)).toEqual(['a', 'b']);
  });

  it('applies --only to the fleet', () => {
    const fleet = generateFleet({
      nodes: 5,
      outliers: { 2: { 'GPU.smi.driver': '1', 'OS.kmod.nvidia': false } },
    });
    expect(compareFleet(fleet, { only: ['OS.*'] }, meta).differences.map((d) => d.key)).toEqual([
      'OS.kmod.nvidia',
    ]);
  });

  it('treats one key written with two subtype splits as one key', () => {
    const node = (subtype: string, key: string, value: string): Snapshot => ({
      kind: 'Snapshot',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      metadata: {},
      measurements: [{ type: 'SystemD', subtypes: [{ subtype, data: { [key]: value } }] }],
    });
    const report = compareFleet(
      [
        { source: 'a', snapshot: node('containerd.service', 'Restart', 'always') },
        { source: 'b', snapshot: node('containerd', 'service.Restart', 'always') },
        { source: 'c', snapshot: node('containerd.service', 'Restart', 'no') },
      ],
      {},
      meta,
    );
    expect(report.summary.compared).toBe(1);
    expect(report.differences[0]).toMatchObject({
      key: 'SystemD.containerd.service.Restart',
      majority: { value: 'always', count: 2 },
      outliers: [{ value: 'no', nodes: ['c'] }],
    });
  });
});
