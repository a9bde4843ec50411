/**
 * The values explorer's provenance over the embedded data: for every distinct recipe (from criteria,
 * and from real snapshots), the values traced layer by layer are the values the recipe and the bundle
 * really carry, and every leaf has exactly one layer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBundleOptions } from '../../src/actions/bundle/to-bundle-options.js';
import { flagComponents, planBundle } from '../../src/core/bundle/plan-bundle.js';
import { assembleRecipe, type AssembledRecipe } from '../../src/core/recipe/build-recipe.js';
import type { Catalog } from '../../src/core/recipe/catalog.js';
import { groupQueriesByRecipe } from '../../src/core/recipe/check-recipes.js';
import { componentValues } from '../../src/core/recipe/component-values.js';
import { getValueAtPath, isValuesObject } from '../../src/core/recipe/merge-values.js';
import type { RecipeCriteria } from '../../src/core/recipe/criteria.js';
import { valuesProvenance } from '../../src/core/recipe/values-provenance.js';
import type { Snapshot } from '../../src/core/snapshot/snapshot.js';
import { readSnapshotFixture } from '../validate/read-fixture.js';
import { embeddedCatalog } from './data-under-test.js';

const data = await embeddedCatalog();
const queries = groupQueriesByRecipe(data).map(([first]) => first as RecipeCriteria);
const snapshots: [string, Snapshot | undefined][] = [
  ['criteria only', undefined],
  ['the EKS H100 snapshot', readSnapshotFixture('validate/eks-h100-snapshot.yaml')],
  ["aicr's B200 snapshot", readSnapshotFixture('aicr/snapshot-b200.yaml')],
];

const assemble = (catalog: Catalog, criteria: RecipeCriteria, snapshot?: Snapshot) =>
  assembleRecipe(catalog, {
    criteria,
    snapshot,
    generatedAt: new Date('2026-01-13T13:05:58Z'),
    toolVersion: 'test',
  });

function leafPaths(values: unknown, path: string[] = []): string[] {
  if (!isValuesObject(values) || (Object.keys(values).length === 0 && path.length > 0))
    return [path.join('\u0000')];
  return Object.entries(values).flatMap(([key, inner]) => leafPaths(inner, [...path, key]));
}

function expectTraced(assembled: AssembledRecipe): void {
  for (const ref of assembled.recipe.componentRefs) {
    const { values, leaves } = valuesProvenance(data, ref, {
      origins: assembled.origins.get(ref.name),
    });
    expect(values, ref.name).toEqual(componentValues(data, ref));
    expect(leaves.map((leaf) => leaf.path.join('\u0000'))).toEqual(leafPaths(values));
    for (const leaf of leaves) expect(getValueAtPath(values, leaf.path)).toEqual(leaf.value);
  }
}

describe.each(snapshots)('values provenance over every recipe (%s)', (_name, snapshot) => {
  it(`traces each of the ${queries.length} distinct recipes to componentValues, one layer a leaf`, () => {
    for (const criteria of queries) expectTraced(assemble(data, criteria, snapshot));
  });
});

describe('values provenance with bundle flags', () => {
  const snapshot = readSnapshotFixture('validate/eks-h100-snapshot.yaml');
  const label = fc.constantFrom('pool=gpu', 'nodeGroup=system', 'role=worker');
  const toleration = fc.constantFrom(
    'dedicated=gpu:NoSchedule',
    'nvidia.com/gpu',
    'spot:NoExecute',
  );

  it('traces every component to the values planBundle ships, for any selectors, tolerations and --set', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...queries),
        fc.boolean(),
        fc.array(label, { maxLength: 2 }),
        fc.array(toleration, { maxLength: 2 }),
        fc.array(label, { maxLength: 2 }),
        fc.array(
          fc.tuple(fc.nat(), fc.constantFrom('driver.version', 'operator.replicas', 'a.b')),
          {
            maxLength: 3,
          },
        ),
        (criteria, withSnapshot, system, tolerations, accelerated, sets) => {
          const { recipe, origins } = assemble(data, criteria, withSnapshot ? snapshot : undefined);
          const names = recipe.deploymentOrder;
          const options = toBundleOptions(
            {
              systemNodeSelector: system,
              acceleratedNodeSelector: accelerated,
              acceleratedNodeToleration: tolerations,
              set: sets.map(([pick, path]) => `${names[pick % names.length]}:${path}=${pick}`),
            },
            'test',
          );
          const planned = planBundle(recipe, data, options).components;
          const flagged = flagComponents(recipe, data, options);
          expect(flagged.map(({ ref }) => ref.name)).toEqual(planned.map(({ name }) => name));
          for (const [index, { ref, flags }] of flagged.entries()) {
            const traced = valuesProvenance(data, ref, { origins: origins.get(ref.name), flags });
            expect(traced.values).toEqual(planned[index]?.values);
            expect(traced.leaves.map((leaf) => leaf.path.join('\u0000'))).toEqual(
              leafPaths(traced.values),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
