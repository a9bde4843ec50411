import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSnapshotFixture } from '../../../test/validate/read-fixture.js';
import { parseWithSchema } from '../shared/documents.js';
import { parseDocumentText } from '../shared/parse-document-text.js';
import { snapshotSchema } from '../snapshot/snapshot.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { compareSnapshots, type SnapshotDiff } from './compare-snapshots.js';
import { diffExitCode } from './diff-exit-code.js';

const meta = { generatedAt: '2026-11-26T16:00:00Z', version: '0.1.0' };
const before = {
  source: 'eks-node-before.yaml',
  snapshot: readSnapshotFixture('diff/eks-node-before.yaml'),
};
const after = {
  source: 'eks-node-after.yaml',
  snapshot: readSnapshotFixture('diff/eks-node-after.yaml'),
};

function changedIds(diff: SnapshotDiff): string[] {
  return diff.differences.flatMap((g) =>
    (g.changed ?? []).map((c) => [g.type, g.subtype, c.key].filter((p) => p !== '').join('.')),
  );
}

describe('compareSnapshots', () => {
  describe('one node before and after a kernel and driver upgrade', () => {
    const diff = compareSnapshots(before, after, {}, meta);

    it('reports exactly the kernel and driver changes, with both values, grouped and sorted', () => {
      expect(diff.differences).toEqual([
        {
          type: 'GPU',
          subtype: 'smi',
          changed: [
            { key: 'cuda-version', a: '12.8', b: '13.0' },
            { key: 'driver', a: '570.133.20', b: '580.95.05' },
          ],
        },
        {
          type: 'K8s',
          subtype: 'image',
          changed: [
            {
              key: 'nvidia-driver-daemonset',
              a: '570.133.20-ubuntu24.04',
              b: '580.95.05-ubuntu24.04',
            },
          ],
        },
        {
          type: 'OS',
          subtype: 'grub',
          changed: [
            {
              key: 'BOOT_IMAGE',
              a: '/boot/vmlinuz-6.8.0-1024-aws',
              b: '/boot/vmlinuz-6.8.0-1043-aws',
            },
          ],
        },
        {
          type: 'OS',
          subtype: 'sysctl',
          changed: [
            { key: '/proc/sys/kernel/osrelease', a: '6.8.0-1024-aws', b: '6.8.0-1043-aws' },
          ],
        },
      ]);
    });

    it('summarises the difference and names both sides', () => {
      expect(diff.summary).toMatchObject({ status: 'different', added: 0, removed: 0, changed: 5 });
      expect(diff.metadata.a).toEqual({
        source: 'eks-node-before.yaml',
        node: 'ip-10-0-182-128.ec2.internal',
        timestamp: '2026-01-06T09:14:51Z',
      });
      expect(diff.metadata.defaultIgnores).toBe(true);
      expect(diffExitCode(diff)).toBe(1);
    });

    it('ignores timestamps, PIDs, the boot id, counters and the run-time fields of ExecStart', () => {
      expect(diff.summary.ignored).toBeGreaterThanOrEqual(9);
      expect(changedIds(diff)).not.toContain('SystemD.containerd.service.ExecStart');
    });

    it('shows the volatile keys when the defaults are off', () => {
      const all = compareSnapshots(before, after, { defaultIgnores: false }, meta);
      expect(changedIds(all)).toEqual(
        expect.arrayContaining([
          'metadata.timestamp',
          'SystemD.containerd.service.MainPID',
          'SystemD.containerd.service.ExecStart',
          'OS.sysctl./proc/sys/kernel/random/boot_id',
          'OS.sysctl./proc/sys/fs/file-nr',
        ]),
      );
      expect(all.summary.ignored).toBe(0);
    });

    it.each([
      ['--only GPU.*', { only: ['GPU.*'] }, ['GPU.smi.cuda-version', 'GPU.smi.driver']],
      [
        '--ignore on the driver keys',
        { ignore: ['GPU.*', 'K8s.image.*'] },
        ['OS.grub.BOOT_IMAGE', 'OS.sysctl./proc/sys/kernel/osrelease'],
      ],
      [
        '--only the kernel release',
        { only: ['*osrelease'] },
        ['OS.sysctl./proc/sys/kernel/osrelease'],
      ],
    ])('narrows the comparison with %s', (_name, options, expected) => {
      expect(changedIds(compareSnapshots(before, after, options, meta))).toEqual(expected);
    });
  });

  it('finds two captures of an unchanged node equal, exit code 0', () => {
    const diff = compareSnapshots(after, { ...after, source: 'again.yaml' }, {}, meta);
    expect(diff.summary).toMatchObject({ status: 'equal', added: 0, removed: 0, changed: 0 });
    expect(diff.differences).toEqual([]);
    expect(diffExitCode(diff)).toBe(0);
  });

  it('reports keys only B has as added and keys only A has as removed', () => {
    const a = readSnapshotFixture('validate/h100-snapshot.yaml');
    const b: Snapshot = {
      ...a,
      measurements: a.measurements.map((m) =>
        m.type !== 'OS'
          ? m
          : {
              ...m,
              subtypes: m.subtypes.map((s) =>
                s.subtype === 'kmod' ? { ...s, data: { nvidia: true, nvidia_peermem: true } } : s,
              ),
            },
      ),
    };
    const diff = compareSnapshots(
      { source: 'a', snapshot: a },
      { source: 'b', snapshot: b },
      {},
      meta,
    );
    expect(diff.differences).toEqual([
      {
        type: 'OS',
        subtype: 'kmod',
        added: [{ key: 'nvidia_peermem', value: 'true' }],
        removed: [{ key: 'nvidia_uvm', value: 'true' }],
      },
    ]);
  });

  it('compares numbers and booleans by their text, so YAML and JSON captures agree', () => {
    const a = readSnapshotFixture('validate/h100-snapshot.yaml');
    const asText: Snapshot = JSON.parse(
      JSON.stringify(a, (_k, v: unknown) =>
        typeof v === 'number' || typeof v === 'boolean' ? String(v) : v,
      ),
    ) as Snapshot;
    expect(
      compareSnapshots({ source: 'a', snapshot: a }, { source: 'b', snapshot: asText }, {}, meta)
        .summary.status,
    ).toBe('equal');
  });

  it('mirrors when the sides are swapped: added and removed trade places, changes swap values (property)', () => {
    const data = fc.dictionary(
      fc.constantFrom('a', 'b', 'c', 'd.e'),
      fc.constantFrom('1', '2', 'x'),
      { maxKeys: 4 },
    );
    const snapshot = fc.record({ sysctl: data, kmod: data }).map(({ sysctl, kmod }): Snapshot => ({
      kind: 'Snapshot',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      metadata: {},
      measurements: [
        {
          type: 'OS',
          subtypes: [
            { subtype: 'sysctl', data: sysctl },
            { subtype: 'kmod', data: kmod },
          ],
        },
      ],
    }));
    fc.assert(
      fc.property(snapshot, snapshot, (x, y) => {
        const ab = compareSnapshots(
          { source: 'x', snapshot: x },
          { source: 'y', snapshot: y },
          {},
          meta,
        );
        const ba = compareSnapshots(
          { source: 'y', snapshot: y },
          { source: 'x', snapshot: x },
          {},
          meta,
        );
        expect(ab.summary.added).toBe(ba.summary.removed);
        expect(ab.summary.changed).toBe(ba.summary.changed);
        expect(ba.differences).toEqual(
          ab.differences.map(({ type, subtype, added, removed, changed }) => ({
            type,
            subtype,
            ...(removed ? { added: removed } : {}),
            ...(added ? { removed: added } : {}),
            ...(changed ? { changed: changed.map(({ key, a, b }) => ({ key, a: b, b: a })) } : {}),
          })),
        );
      }),
    );
  });

  it('compares two snapshots as cnsctl snapshot writes them: the one-GPU H100 VM and the 8-GPU EKS node', () => {
    const golden = (name: string) => {
      const path = new URL(`../../../test/snapshot/golden/${name}`, import.meta.url);
      return parseWithSchema(
        snapshotSchema,
        parseDocumentText(readFileSync(path, 'utf8'), name),
        name,
        'Snapshot',
      );
    };
    const diff = compareSnapshots(
      { source: 'h100-minimal.yaml', snapshot: golden('h100-minimal.yaml') },
      { source: 'ubuntu-gpu-node.yaml', snapshot: golden('ubuntu-gpu-node.yaml') },
      {},
      meta,
    );
    const group = (type: string, subtype: string) =>
      diff.differences.find((g) => g.type === type && g.subtype === subtype);
    expect(group('OS', 'kernel')?.changed).toContainEqual({
      key: 'release',
      a: '6.18.44-fc-v657-gpu',
      b: '6.8.0-1043-aws',
    });
    expect(group('GPU', 'smi')?.changed).toContainEqual({ key: 'gpu-count', a: '1', b: '8' });
    expect(group('GPU', 'gpu-7')?.added?.length).toBeGreaterThan(10);
    expect(group('metadata', 'collectors')?.changed).toContainEqual({
      key: 'systemd',
      a: 'unavailable',
      b: 'ok',
    });
    expect(diff.differences.flatMap((g) => (g.added ?? []).map((e) => e.key))).not.toContain(
      '/proc/sys/kernel/hostname',
    );
    expect(diff.metadata.b.node).toBe('ip-10-0-182-128.ec2.internal');
    expect(diff.metadata.a.node).toBe('h100-minimal.yaml');
  });
});
