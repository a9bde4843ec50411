import { describe, expect, it } from 'vitest';
import { parseWithSchema } from '../shared/documents.js';
import { isCnsError } from '../shared/errors.js';
import { snapshotSchema } from './snapshot.js';

const envelope = { kind: 'Snapshot', apiVersion: 'cns.nvidia.com/v1alpha1' };
const withData = (data: unknown) => ({
  ...envelope,
  measurements: [{ type: 'OS', subtypes: [{ subtype: 'grub', data }] }],
});

describe('the Snapshot schema', () => {
  it.each([
    ['scalars as they are', { a: 'x', b: 8, c: true }, { a: 'x', b: 8, c: true }],
    ['a key without a value as ""', { quiet: null, root: '/dev/x' }, { quiet: '', root: '/dev/x' }],
    ['no data as an empty map', null, {}],
  ])('reads %s', (_name, data, expected) => {
    const snapshot = snapshotSchema.parse(withData(data));
    expect(snapshot.measurements[0]?.subtypes[0]?.data).toEqual(expected);
  });

  it.each([
    ['a map as a value', { a: { b: 1 } }, 'measurements[0].subtypes[0].data.a', 'got a map'],
    ['a list as a value', { a: [1] }, 'measurements[0].subtypes[0].data.a', 'got a list'],
    ['a list as the data', ['a'], 'measurements[0].subtypes[0].data', 'got a list'],
  ])('refuses %s, naming where', (_name, data, path, message) => {
    try {
      parseWithSchema(snapshotSchema, withData(data), 'snap.yaml', 'Snapshot');
      expect.unreachable();
    } catch (error) {
      expect(isCnsError(error) && error.code).toBe('INPUT_SCHEMA');
      expect(isCnsError(error) && error.details.path).toBe(path);
      expect((error as Error).message).toContain(message);
    }
  });

  it('reads metadata as strings, source for source-node, and the old metadata.collectors', () => {
    const snapshot = snapshotSchema.parse({
      ...envelope,
      metadata: {
        source: 'node-a',
        version: 17,
        timestamp: new Date('2026-01-13T13:02:29Z'),
        labels: { a: 'b' },
        collectors: [{ name: 'os', status: 'ok' }],
      },
      measurements: [],
    });
    expect(snapshot.metadata).toEqual({
      'source-node': 'node-a',
      version: '17',
      timestamp: '2026-01-13T13:02:29.000Z',
      labels: '{"a":"b"}',
    });
    expect(snapshot.collectors).toEqual([{ name: 'os', status: 'ok' }]);
  });

  it('prefers the top-level collectors to the old ones', () => {
    const snapshot = snapshotSchema.parse({
      ...envelope,
      metadata: { collectors: [{ name: 'os', status: 'failed' }] },
      collectors: [{ name: 'os', status: 'ok' }],
      measurements: [],
    });
    expect(snapshot.collectors).toEqual([{ name: 'os', status: 'ok' }]);
  });
});
