import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { expectSnapshotGolden } from '../../../test/snapshot/golden.js';
import { snapshotSchema, type Snapshot } from '../../core/snapshot/snapshot.js';
import { formatSnapshotTable } from './snapshot-table.js';

const golden = (name: string): Snapshot =>
  snapshotSchema.parse(
    parse(
      readFileSync(new URL(`../../../test/snapshot/golden/${name}.yaml`, import.meta.url), 'utf8'),
    ),
  );

describe('formatSnapshotTable', () => {
  it('summarises a full GPU node on one screen', () => {
    const table = formatSnapshotTable(golden('ubuntu-gpu-node'));
    expect(table.split('\n').length).toBeLessThan(25);
    expectSnapshotGolden('table-ubuntu-gpu-node.txt', table);
  });

  it('shows the GPUs, MIG and ECC state, driver and CUDA of the 8-GPU node', () => {
    const table = formatSnapshotTable(golden('ubuntu-gpu-node'));
    expect(table).toContain(
      'GPU         8 × NVIDIA H100 80GB HBM3; MIG on gpu-3; uncorrectable ECC errors on gpu-5',
    );
    expect(table).toContain('Driver      580.159.04 (open kernel module), CUDA 13.0');
    expect(table).toContain('Runtime     containerd (active)');
    expect(table).toContain('Kubernetes  unknown');
  });

  it('lists each collector with its status and reason', () => {
    const table = formatSnapshotTable(golden('h100-minimal'));
    expect(table).toMatch(/systemd\s+unavailable\s+systemctl not found on the host \(no systemd\)/);
    expect(table).toContain('Snapshot of an unnamed host at 2026-01-13T13:02:29Z (cnsctl 0.1.0)');
    expect(table).toContain('GPU         1 × NVIDIA H100 80GB HBM3\n');
  });

  it('reads the node, runtime and Kubernetes version from the K8s measurement when there is one', () => {
    const snapshot: Snapshot = {
      kind: 'Snapshot',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      metadata: {},
      measurements: [
        {
          type: 'K8s',
          subtypes: [
            { subtype: 'server', data: { version: 'v1.34.1-eks-3025e55' } },
            {
              subtype: 'node',
              data: {
                provider: 'eks',
                'container-runtime': 'containerd://1.7.27',
                'kubelet-version': 'v1.33.5',
              },
            },
          ],
        },
      ],
    };
    const table = formatSnapshotTable(snapshot);
    expect(table).toContain('Kubernetes  v1.34.1-eks-3025e55 (eks, kubelet v1.33.5)');
    expect(table).toContain('Runtime     containerd 1.7.27');
    expect(table).toContain('GPU         none found');
    expect(table).toContain('No collector outcomes recorded.');
  });
});
