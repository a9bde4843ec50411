import { describe, expect, it } from 'vitest';
import { readSnapshotFixture } from '../../../test/validate/read-fixture.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { flattenSnapshot, type FlatEntry } from './flatten-snapshot.js';

function flat(snapshot: Snapshot): FlatEntry[] {
  const entries: FlatEntry[] = [];
  flattenSnapshot(snapshot, (e) => entries.push(e));
  return entries;
}

describe('flattenSnapshot', () => {
  const entries = flat(readSnapshotFixture('validate/h100-snapshot.yaml'));
  const byId = new Map(entries.map((e) => [e.id, e]));

  it.each([
    [
      'OS.sysctl./proc/sys/kernel/osrelease',
      'OS',
      'sysctl',
      '/proc/sys/kernel/osrelease',
      '6.18.44-fc-v657-gpu',
    ],
    ['OS.kmod.nvidia', 'OS', 'kmod', 'nvidia', 'true'],
    ['GPU.smi.gpu-count', 'GPU', 'smi', 'gpu-count', '1'],
    ['GPU.gpu-0.memory-total-mib', 'GPU', 'gpu-0', 'memory-total-mib', '81559'],
    ['GPU.gpu-0.mig-mode', 'GPU', 'gpu-0', 'mig-mode', 'Disabled'],
    ['metadata.source-node', 'metadata', '', 'source-node', 'h100-vm-0'],
    ['metadata.collectors.systemd', 'metadata', 'collectors', 'systemd', 'unavailable'],
  ])('flattens %s', (id, type, subtype, key, value) => {
    expect(byId.get(id)).toEqual({ id, type, subtype, key, value });
  });

  it('visits every measured value once, metadata first', () => {
    expect(entries[0]?.type).toBe('metadata');
    expect(entries.filter((e) => e.type !== 'metadata')).toHaveLength(13 + 6 + 2 + 1 + 33 + 14);
  });

  it('passes duplicate ids on in document order, so callers can keep the first', () => {
    const snapshot: Snapshot = {
      kind: 'Snapshot',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      metadata: {},
      measurements: [
        { type: 'OS', subtypes: [{ subtype: 'kmod', data: { nvidia: true } }] },
        { type: 'OS', subtypes: [{ subtype: 'kmod', data: { nvidia: false } }] },
      ],
    };
    expect(flat(snapshot).map((e) => e.value)).toEqual(['true', 'false']);
  });
});
