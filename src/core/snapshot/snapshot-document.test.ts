import type { z } from 'zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { findMeasurement, type Snapshot } from './snapshot-document.js';
import type { snapshotSchema } from './snapshot.js';

const snapshot: Snapshot = {
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: {},
  measurements: [
    {
      type: 'OS',
      subtypes: [{ subtype: 'sysctl', data: { '/proc/sys/kernel/osrelease': '6.8.0' } }],
    },
  ],
};

describe('snapshot-document', () => {
  it('keeps the schema output and the document type in step (checked by tsc)', () => {
    expectTypeOf<z.output<typeof snapshotSchema>>().toMatchTypeOf<Snapshot>();
  });

  it.each([
    ['a present key', 'OS', 'sysctl', '/proc/sys/kernel/osrelease', '6.8.0'],
    ['a missing key', 'OS', 'sysctl', '/proc/sys/vm/swappiness', undefined],
    ['a missing subtype', 'OS', 'release', 'ID', undefined],
    ['a missing type', 'GPU', 'smi', 'driver', undefined],
  ])('findMeasurement finds %s', (_name, type, subtype, key, expected) => {
    expect(findMeasurement(snapshot, type, subtype, key)).toBe(expected);
  });
});
