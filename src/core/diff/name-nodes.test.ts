import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/snapshot.js';
import { nameNodes } from './name-nodes.js';

const snap = (node?: string): Snapshot => ({
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: node === undefined ? {} : { 'source-node': node },
  measurements: [],
});

describe('nameNodes', () => {
  it.each([
    ['uses metadata.source-node', [['a.yaml', 'ip-10-0-1-1']], ['ip-10-0-1-1']],
    ['falls back to the file name', [['snaps/n7.yaml', undefined]], ['n7.yaml']],
    ['falls back to the source when it has no file name', [['-', undefined]], ['-']],
    [
      'adds the source when two snapshots share a node name',
      [
        ['before.yaml', 'n1'],
        ['after.yaml', 'n1'],
      ],
      ['n1 (before.yaml)', 'n1 (after.yaml)'],
    ],
    [
      'numbers the same snapshot given twice',
      [
        ['a.yaml', 'n1'],
        ['a.yaml', 'n1'],
      ],
      ['n1 (a.yaml)', 'n1 (a.yaml #2)'],
    ],
  ])('%s', (_name, inputs, expected) => {
    const named = (inputs as [string, string | undefined][]).map(([source, node]) => ({
      source,
      snapshot: snap(node),
    }));
    expect(nameNodes(named)).toEqual(expected);
  });
});
