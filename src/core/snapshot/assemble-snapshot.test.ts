import { describe, expect, it } from 'vitest';
import { toYaml } from '../shared/serialize.js';
import { assembleSnapshot, type SnapshotParts } from './assemble-snapshot.js';
import { snapshotSchema } from './snapshot.js';

const parts: SnapshotParts = {
  timestamp: new Date('2026-01-13T13:02:29.512Z'),
  version: '0.1.0',
  sourceNode: 'ip-10-0-182-128.ec2.internal',
  collectors: [
    { name: 'systemd', status: 'ok' },
    { name: 'gpu', status: 'ok' },
    { name: 'k8s', status: 'unavailable', reason: 'no kubeconfig' },
    { name: 'os', status: 'ok' },
  ],
  measurements: [
    {
      type: 'GPU',
      subtypes: [
        { subtype: 'smi', data: { 'gpu-count': 10, driver: '580.159.04' } },
        { subtype: 'gpu-10', data: { index: 10 } },
        { subtype: 'gpu-2', data: { index: 2 } },
        { subtype: 'driver', data: { version: '580.159.04' } },
      ],
    },
    { type: 'OS', subtypes: [{ subtype: 'release', data: { VERSION_ID: '24.04', ID: 'ubuntu' } }] },
    { type: 'K8s', subtypes: [] },
    { type: 'SystemD', subtypes: [{ subtype: 'containerd.service', data: { Type: 'notify' } }] },
  ],
};

describe('assembleSnapshot', () => {
  const snapshot = assembleSnapshot(parts);

  it('orders types as the demo does and leaves out a type with no subtypes', () => {
    expect(snapshot.measurements.map((m) => m.type)).toEqual(['SystemD', 'OS', 'GPU']);
  });

  it('orders subtypes naturally, so gpu-2 comes before gpu-10', () => {
    const gpu = snapshot.measurements.find((m) => m.type === 'GPU');
    expect(gpu?.subtypes.map((s) => s.subtype)).toEqual(['driver', 'gpu-2', 'gpu-10', 'smi']);
  });

  it('sorts the keys of each subtype', () => {
    const release = snapshot.measurements.find((m) => m.type === 'OS')?.subtypes[0];
    expect(Object.keys(release?.data ?? {})).toEqual(['ID', 'VERSION_ID']);
  });

  it('writes the metadata, strings only, with a second-precision UTC timestamp', () => {
    expect(snapshot.metadata).toEqual({
      'source-node': 'ip-10-0-182-128.ec2.internal',
      timestamp: '2026-01-13T13:02:29Z',
      version: '0.1.0',
    });
  });

  it('writes the collector outcomes beside the metadata, sorted by name', () => {
    expect(Object.keys(snapshot)).toEqual([
      'kind',
      'apiVersion',
      'metadata',
      'collectors',
      'measurements',
    ]);
    expect(snapshot.collectors).toEqual([
      { name: 'gpu', status: 'ok' },
      { name: 'k8s', status: 'unavailable', reason: 'no kubeconfig' },
      { name: 'os', status: 'ok' },
      { name: 'systemd', status: 'ok' },
    ]);
  });

  it('produces the same YAML whatever order the collectors finished in', () => {
    const reversed = assembleSnapshot({
      ...parts,
      collectors: [...parts.collectors].reverse(),
      measurements: [...parts.measurements]
        .reverse()
        .map((m) => ({ ...m, subtypes: [...m.subtypes].reverse() })),
    });
    expect(toYaml(reversed)).toBe(toYaml(snapshot));
  });

  it('merges subtypes of one type that share a name', () => {
    const merged = assembleSnapshot({
      ...parts,
      measurements: [
        { type: 'OS', subtypes: [{ subtype: 'sysctl', data: { '/proc/sys/a': '1' } }] },
        { type: 'OS', subtypes: [{ subtype: 'sysctl', data: { '/proc/sys/b': '2' } }] },
      ],
    });
    expect(merged.measurements).toEqual([
      {
        type: 'OS',
        subtypes: [{ subtype: 'sysctl', data: { '/proc/sys/a': '1', '/proc/sys/b': '2' } }],
      },
    ]);
  });

  it('puts an unknown type after the known ones', () => {
    const withTopology = assembleSnapshot({
      ...parts,
      measurements: [
        ...parts.measurements,
        { type: 'Topology', subtypes: [{ subtype: 'numa', data: { nodes: 2 } }] },
      ],
    });
    expect(withTopology.measurements.map((m) => m.type)).toEqual([
      'SystemD',
      'OS',
      'GPU',
      'Topology',
    ]);
  });

  it('writes a document the Snapshot schema reads back unchanged', () => {
    expect(snapshotSchema.parse(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
  });

  it('rejects an invalid clock time as an internal error', () => {
    expect(() => assembleSnapshot({ ...parts, timestamp: new Date(Number.NaN) })).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });
});
