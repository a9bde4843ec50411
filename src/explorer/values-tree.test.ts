import { describe, expect, it } from 'vitest';
import type { ValuesLeaf } from '../core/recipe/values-provenance.js';
import { branchPaths, buildValuesTree, isBranch, type TreeBranch } from './values-tree.js';

const leaf = (path: string, value: unknown, layer: ValuesLeaf['layer']): ValuesLeaf => ({
  path: path.split('.'),
  value,
  layer,
  source: 'x',
});

describe('buildValuesTree', () => {
  const tree = buildValuesTree([
    leaf('driver.enabled', true, 'base'),
    leaf('driver.rdma.enabled', true, 'override'),
    leaf('driver.version', '580', 'snapshot-lock'),
    leaf('operator.replicas', 1, 'base'),
    leaf('tolerations', [], 'bundle-flag'),
  ]);

  it('nests leaves by path, keeping key order', () => {
    expect(tree.map((node) => node.key)).toEqual(['driver', 'operator', 'tolerations']);
    const driver = tree[0] as TreeBranch;
    expect(driver.children.map((node) => [node.key, isBranch(node)])).toEqual([
      ['enabled', false],
      ['rdma', true],
      ['version', false],
    ]);
  });

  it('counts the layers below each branch', () => {
    expect((tree[0] as TreeBranch).layers).toEqual({ base: 1, override: 1, 'snapshot-lock': 1 });
  });

  it('lists every branch path for expand all', () => {
    expect(branchPaths(tree)).toEqual(['["driver"]', '["driver","rdma"]', '["operator"]']);
  });
});
