// One `Type.Subtype.Key` can name two values of a snapshot: a type or subtype listed twice, or a dotted
// subtype (`a.b` with key `c`) beside a dotted key (`a` with key `b.c`). Both comparisons keep the
// first value in document order, as constraint lookup does (flatten-snapshot.ts).
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/snapshot.js';
import { compareFleet } from './compare-fleet.js';
import { compareSnapshots } from './compare-snapshots.js';

const meta = { generatedAt: '2026-11-26T16:00:00Z', version: '0.1.0' };

type Subtypes = Snapshot['measurements'][number]['subtypes'];
const snapshot = (node: string, ...measurements: [string, Subtypes][]): Snapshot => ({
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: { 'source-node': node },
  measurements: measurements.map(([type, subtypes]) => ({ type, subtypes })),
});

const cases: [string, Snapshot, Snapshot][] = [
  [
    'a dotted subtype and a dotted key that spell one id',
    snapshot('n1', [
      'OS',
      [
        { subtype: 'a.b', data: { c: 'first' } },
        { subtype: 'a', data: { 'b.c': 'second' } },
      ],
    ]),
    snapshot('n2', ['OS', [{ subtype: 'a', data: { 'b.c': 'first' } }]]),
  ],
  [
    'a measurement type listed twice',
    snapshot(
      'n1',
      ['OS', [{ subtype: 'kmod', data: { nvidia: 'first' } }]],
      ['OS', [{ subtype: 'kmod', data: { nvidia: 'second' } }]],
    ),
    snapshot('n2', ['OS', [{ subtype: 'kmod', data: { nvidia: 'first' } }]]),
  ],
  [
    'a subtype listed twice in one type',
    snapshot('n1', [
      'OS',
      [
        { subtype: 'kmod', data: { nvidia: 'first' } },
        { subtype: 'kmod', data: { nvidia: 'second' } },
      ],
    ]),
    snapshot('n2', ['OS', [{ subtype: 'kmod', data: { nvidia: 'first' } }]]),
  ],
];

describe.each(cases)('%s', (_name, colliding, plain) => {
  it('compareSnapshots keeps the first value on either side', () => {
    const ab = compareSnapshots(
      { source: 'a', snapshot: colliding },
      { source: 'b', snapshot: plain },
      {},
      meta,
    );
    const ba = compareSnapshots(
      { source: 'b', snapshot: plain },
      { source: 'a', snapshot: colliding },
      {},
      meta,
    );
    for (const diff of [ab, ba]) {
      expect(diff.summary).toMatchObject({ status: 'equal', changed: 0, added: 0, removed: 0 });
    }
  });

  it('compareSnapshots reports a change against the first value, not the second', () => {
    const diff = compareSnapshots(
      { source: 'a', snapshot: colliding },
      { source: 'c', snapshot: allSetTo(plain, 'second', 'n3') },
      {},
      meta,
    );
    expect(diff.summary.changed).toBe(1);
    expect(diff.differences[0]?.changed?.[0]).toMatchObject({ a: 'first', b: 'second' });
  });

  it('compareFleet keeps the first value for the node that has two', () => {
    const fleet = compareFleet(
      [
        { source: 'a', snapshot: colliding },
        { source: 'b', snapshot: plain },
        { source: 'c', snapshot: allSetTo(plain, 'first', 'n3') },
      ],
      {},
      meta,
    );
    expect(fleet.summary).toMatchObject({ status: 'uniform', differing: 0, outlierNodes: 0 });
  });

  it('compareFleet groups the node that has two by its first value', () => {
    const fleet = compareFleet(
      [
        { source: 'a', snapshot: colliding },
        { source: 'b', snapshot: allSetTo(plain, 'second', 'n2') },
        { source: 'c', snapshot: allSetTo(plain, 'second', 'n3') },
      ],
      {},
      meta,
    );
    expect(fleet.differences).toEqual([
      expect.objectContaining({
        majority: { value: 'second', count: 2 },
        outliers: [{ value: 'first', count: 1, nodes: ['n1'] }],
      }),
    ]);
  });
});

/** `s` renamed to `node`, with every measured value replaced by `value`. */
function allSetTo(s: Snapshot, value: string, node: string): Snapshot {
  return {
    ...s,
    metadata: { 'source-node': node },
    measurements: s.measurements.map(({ type, subtypes }) => ({
      type,
      subtypes: subtypes.map(({ subtype, data }) => ({
        subtype,
        data: Object.fromEntries(Object.keys(data).map((key) => [key, value])),
      })),
    })),
  };
}
