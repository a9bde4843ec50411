import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/snapshot.js';
import { indexSnapshot } from './index-snapshot.js';
import { resolveConstraintPath } from './resolve-constraint-path.js';

const snapshot: Snapshot = {
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: {},
  measurements: [
    {
      type: 'OS',
      subtypes: [{ subtype: 'sysctl', data: { '/proc/sys/kernel/osrelease': '6.8' } }],
    },
    {
      type: 'SystemD',
      subtypes: [
        { subtype: 'containerd', data: { 'service.Restart': 'wrong-subtype' } },
        { subtype: 'containerd.service', data: { Restart: 'always' } },
      ],
    },
    { type: 'OS', subtypes: [{ subtype: 'hidden', data: { k: 'v' } }] },
  ],
};

describe('indexSnapshot', () => {
  it.each([
    ['OS.sysctl./proc/sys/kernel/osrelease'],
    ['SystemD.containerd.service.Restart'],
    ['SystemD.containerd.service.Nope'],
    ['SystemD.containerd.Nope'],
    ['OS.hidden.k'],
    ['GPU.smi.driver'],
    ['OS.grub.quiet'],
  ])('resolves %s exactly as resolveConstraintPath does', (name) => {
    expect(indexSnapshot(snapshot).resolve(name)).toEqual(resolveConstraintPath(name, snapshot));
  });

  it('resolves any name in any snapshot exactly as resolveConstraintPath does', () => {
    const word = fc.constantFrom('a', 'b', 'a.b', 'b.c', 'a.b.c', 'x', '/p/q', 'c');
    const data = fc.dictionary(word, fc.oneof(fc.string({ maxLength: 3 }), fc.boolean()), {
      maxKeys: 4,
    });
    const subtype = fc.record({ subtype: word, data });
    const measurement = fc.record({
      type: fc.constantFrom('T', 'U'),
      subtypes: fc.array(subtype, { maxLength: 5 }),
    });
    const snapshots = fc.array(measurement, { maxLength: 4 }).map((measurements): Snapshot => ({
      kind: 'Snapshot',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      metadata: {},
      measurements,
    }));
    const names = fc
      .tuple(fc.constantFrom('T', 'U', 'V'), fc.array(word, { minLength: 2, maxLength: 4 }))
      .map(([type, parts]) => [type, ...parts].join('.'));
    fc.assert(
      fc.property(snapshots, fc.array(names, { minLength: 1, maxLength: 8 }), (snap, list) => {
        const index = indexSnapshot(snap);
        for (const name of list) {
          expect(index.resolve(name)).toEqual(resolveConstraintPath(name, snap));
        }
      }),
      { numRuns: 500 },
    );
  });
});
