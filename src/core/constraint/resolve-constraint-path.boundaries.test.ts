// Where a constraint name splits into subtype and key, for both resolvers (the plain one and the
// snapshot index validate uses): only at a dot, the longest subtype that holds the key first.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/snapshot.js';
import { indexSnapshot } from './index-snapshot.js';
import { resolveConstraintPath, type ResolvedPath } from './resolve-constraint-path.js';

const snapshot: Snapshot = {
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: {},
  measurements: [
    {
      type: 'OS',
      subtypes: [
        // Prefixes of `sysctl` that do not end at a dot: never a subtype of OS.sysctl.<key>.
        { subtype: 'sys', data: { 'tl.x': 'wrong', 'ctl.x': 'wrong' } },
        { subtype: 'sysct', data: { x: 'wrong' } },
        { subtype: 'grub', data: { quiet: '' } },
      ],
    },
  ],
};

const resolvers: [string, (name: string) => ResolvedPath][] = [
  ['resolveConstraintPath', (name) => resolveConstraintPath(name, snapshot)],
  ['indexSnapshot', (name) => indexSnapshot(snapshot).resolve(name)],
];

describe.each(resolvers)('%s', (_name, resolve) => {
  it('finds a subtype only where the name continues it with a dot', () => {
    expect(resolve('OS.sysctl.x')).toEqual({
      type: 'OS',
      subtype: 'sysctl',
      key: 'x',
      value: undefined,
      missing: 'subtype',
    });
  });

  it('reads an empty value as measured, not as missing', () => {
    expect(resolve('OS.grub.quiet')).toEqual({
      type: 'OS',
      subtype: 'grub',
      key: 'quiet',
      value: '',
    });
  });
});
