import { describe, expect, it } from 'vitest';
import { layoutGraph } from './layout-graph.js';

describe('layoutGraph', () => {
  const layout = layoutGraph([
    { name: 'cert-manager' },
    { name: 'gpu-operator', dependencyRefs: ['cert-manager'] },
    { name: 'skyhook' },
    { name: 'zeta', dependencyRefs: ['skyhook', 'gpu-operator'] },
  ]);
  const node = (name: string) => layout.nodes.find((n) => n.name === name)!;

  it('puts each component one column after its deepest dependency', () => {
    expect(node('cert-manager').x).toBe(node('skyhook').x);
    expect(node('gpu-operator').x).toBeGreaterThan(node('cert-manager').x);
    expect(node('zeta').x).toBeGreaterThan(node('gpu-operator').x);
  });

  it('numbers the components in deployment order', () => {
    expect(layout.nodes.map((n) => [n.name, n.step])).toEqual([
      ['cert-manager', 1],
      ['gpu-operator', 2],
      ['skyhook', 3],
      ['zeta', 4],
    ]);
  });

  it('draws one edge per dependency inside the recipe, from dependency to dependent', () => {
    expect(layout.edges.map((e) => `${e.from}->${e.to}`)).toEqual([
      'cert-manager->gpu-operator',
      'skyhook->zeta',
      'gpu-operator->zeta',
    ]);
  });

  it('is as wide and tall as its columns and rows', () => {
    expect(layout.width).toBeGreaterThanOrEqual(3 * layout.nodeWidth);
    for (const n of layout.nodes) {
      expect(n.x + layout.nodeWidth).toBeLessThanOrEqual(layout.width);
      expect(n.y).toBeLessThan(layout.height);
    }
    expect(layoutGraph([])).toMatchObject({ width: 0, height: 0, nodes: [], edges: [] });
  });

  it('makes every box wide enough for the longest name', () => {
    const wide = layoutGraph([
      { name: 'a' },
      { name: 'aws-efa-k8s-device-plugin-with-a-long-name' },
    ]);
    expect(wide.nodeWidth).toBeGreaterThan(layout.nodeWidth);
    expect(wide.nodeWidth).toBeGreaterThan(42 * 7);
  });

  it('ignores a dependency the recipe does not hold', () => {
    expect(layoutGraph([{ name: 'a', dependencyRefs: ['gone'] }]).edges).toEqual([]);
  });
});
