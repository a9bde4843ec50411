import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { assembleRecipe } from './build-recipe.js';
import { compareRecipes, type ComparedRecipe } from './compare-recipes.js';
import { parseCriteria, type LooseCriteria } from './criteria.js';
import { parseCatalog } from './parse-catalog.js';
import { valuesProvenance } from './values-provenance.js';

const catalog = parseCatalog(MINI_CATALOG_FILES);
const side = (criteria: LooseCriteria): ComparedRecipe => {
  const { recipe, origins } = assembleRecipe(catalog, {
    criteria: parseCriteria(criteria),
    generatedAt: new Date('2026-01-13T13:05:58Z'),
    toolVersion: 'test',
  });
  const leaves = Object.fromEntries(
    recipe.componentRefs.map((ref) => [
      ref.name,
      valuesProvenance(catalog, ref, { origins: origins.get(ref.name) }).leaves,
    ]),
  );
  return { recipe, leaves };
};
const demo = side({ service: 'eks', accelerator: 'h100', os: 'ubuntu', intent: 'training' });
const kind = side({ service: 'kind' });

describe('compareRecipes', () => {
  const comparison = compareRecipes(demo, kind);

  it('lists the components only one side has, with their versions', () => {
    expect(comparison.components.removed).toEqual([
      { name: 'skyhook', version: 'v0.13.1' },
      { name: 'zeta', version: '1.0' },
    ]);
    expect(comparison.components.added).toEqual([]);
    expect(comparison.components.unchanged).toEqual(['cert-manager', 'gpu-operator']);
  });

  it('lists constraints added, removed and changed by name', () => {
    expect(comparison.constraints.changed).toEqual([
      {
        name: 'K8s.server.version',
        from: { name: 'K8s.server.version', value: '>= 1.30' },
        to: { name: 'K8s.server.version', value: '>= 1.25' },
      },
    ]);
    expect(comparison.constraints.removed.map((c) => c.name)).toEqual([
      'OS.release.ID',
      'OS.release.VERSION_ID',
      'OS.sysctl./proc/sys/kernel/osrelease',
    ]);
  });

  it('lists the overlays that apply to one side only', () => {
    expect(comparison.overlays).toEqual({
      added: ['kind'],
      removed: ['eks', 'eks-training', 'ubuntu-training', 'h100-eks-ubuntu-training'],
    });
  });

  it('lists the values that differ, each side with the layer that set it', () => {
    const described = comparison.values.map(({ component, path, from, to }) => [
      `${component}:${path.join('.')}`,
      from && `${JSON.stringify(from.value)} (${from.layer} ${from.source})`,
      to && `${JSON.stringify(to.value)} (${to.layer} ${to.source})`,
    ]);
    expect(described).toEqual([
      [
        'gpu-operator:driver.enabled',
        'true (base components/gpu-operator/values.yaml)',
        'false (override kind)',
      ],
      ['gpu-operator:driver.rdma.enabled', 'true (override eks-training)', undefined],
      [
        'gpu-operator:driver.useOpenKernelModules',
        'true (values-file components/gpu-operator/values-eks-training.yaml)',
        undefined,
      ],
    ]);
  });

  const criteria = fc.record({
    service: fc.constantFrom('eks', 'kind', 'any'),
    accelerator: fc.constantFrom('h100', 'any'),
    os: fc.constantFrom('ubuntu', 'any'),
    intent: fc.constantFrom('training', 'any'),
  });

  it('finds nothing between a recipe and itself', () => {
    fc.assert(
      fc.property(criteria, (c) => {
        const one = side(c);
        expect(compareRecipes(one, one)).toMatchObject({
          components: { added: [], removed: [], changed: [] },
          constraints: { added: [], removed: [], changed: [] },
          overlays: { added: [], removed: [] },
          values: [],
        });
      }),
      { numRuns: 30 },
    );
  });

  it('is symmetric: swapping the sides swaps added and removed, from and to', () => {
    fc.assert(
      fc.property(criteria, criteria, (x, y) => {
        const [a, b] = [side(x), side(y)];
        const forward = compareRecipes(a, b);
        const backward = compareRecipes(b, a);
        expect(backward.components.added).toEqual(forward.components.removed);
        expect(backward.constraints.removed).toEqual(forward.constraints.added);
        expect(backward.overlays.added).toEqual(forward.overlays.removed);
        expect(backward.values).toEqual(
          forward.values.map(({ component, path, from, to }) => ({
            component,
            path,
            ...(to ? { from: to } : {}),
            ...(from ? { to: from } : {}),
          })),
        );
      }),
      { numRuns: 30 },
    );
  });
});
