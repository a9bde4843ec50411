import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_SNAPSHOT_YAML, MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { toBundleOptions } from '../../actions/bundle/to-bundle-options.js';
import { flagComponents, planBundle } from '../bundle/plan-bundle.js';
import { parseWithSchema } from '../shared/documents.js';
import { parseDocumentText } from '../shared/parse-document-text.js';
import { sortKeysDeep } from '../shared/serialize.js';
import { snapshotSchema, type Snapshot } from '../snapshot/snapshot.js';
import { assembleRecipe } from './build-recipe.js';
import { componentValues, RECIPE_OVERRIDES } from './component-values.js';
import { parseCriteria, type LooseCriteria } from './criteria.js';
import { getValueAtPath, isValuesObject, mergeValues, type Values } from './merge-values.js';
import { parseCatalog } from './parse-catalog.js';
import type { ValuesLayer } from './values-layer.js';
import { traceValues, valuesProvenance, type ValuesLeaf } from './values-provenance.js';

const catalog = parseCatalog(MINI_CATALOG_FILES);
const demo = { service: 'eks', accelerator: 'h100', os: 'ubuntu', intent: 'training' };
const demoSnapshot = (): Snapshot =>
  parseWithSchema(
    snapshotSchema,
    parseDocumentText(DEMO_SNAPSHOT_YAML, 'demo'),
    'demo',
    'Snapshot',
  );
const assemble = (criteria: LooseCriteria, snapshot?: Snapshot) =>
  assembleRecipe(catalog, {
    criteria: parseCriteria(criteria),
    snapshot,
    generatedAt: new Date('2026-01-13T13:05:58Z'),
    toolVersion: '0.0.0-test',
  });
const layer = (kind: ValuesLayer['kind'], source: string, values: Values): ValuesLayer => ({
  kind,
  source,
  values,
});
const origin = (leaves: readonly ValuesLeaf[], path: string) =>
  leaves.find((leaf) => leaf.path.join('.') === path);

describe('traceValues', () => {
  const base = layer('base', 'components/x/values.yaml', {
    driver: { enabled: true, version: '1' },
    env: [{ name: 'A' }],
    resources: { limits: { cpu: '1' } },
    flag: 'on',
  });
  it.each([
    ['a key only the base sets is credited to the base file', [], 'driver.enabled', true, 'base'],
    [
      'a later layer that sets a leaf again takes the credit',
      [layer('override', 'eks', { driver: { version: '2' } })],
      'driver.version',
      '2',
      'override',
    ],
    [
      'a list is one leaf, credited to the layer that replaced it whole',
      [layer('values-file', 'components/x/values-eks.yaml', { env: [{ name: 'B' }] })],
      'env',
      [{ name: 'B' }],
      'values-file',
    ],
    [
      'a map that replaces a scalar credits its leaves to itself',
      [layer('bundle-flag', '--set x:flag.mode=strict', { flag: { mode: 'strict' } })],
      'flag.mode',
      'strict',
      'bundle-flag',
    ],
    [
      'a null that removes a chart default is a leaf of its own',
      [layer('override', 'kind', { resources: null })],
      'resources',
      null,
      'override',
    ],
    [
      'an empty map is a leaf',
      [layer('override', 'gke', { nodeSelector: {} })],
      'nodeSelector',
      {},
      'override',
    ],
  ])('%s', (_name, later, path, value, kind) => {
    const { leaves } = traceValues([base, ...later]);
    expect(origin(leaves, path)).toMatchObject({ value, layer: kind });
  });

  it('drops the leaves of a map that a later scalar replaces', () => {
    const { values, leaves } = traceValues([
      base,
      layer('override', 'kind', { resources: 'none' }),
    ]);
    expect(values.resources).toBe('none');
    expect(leaves.map((leaf) => leaf.path.join('.'))).toEqual([
      'driver.enabled',
      'driver.version',
      'env',
      'flag',
      'resources',
    ]);
  });

  it('gives no leaves for no layers', () => {
    expect(traceValues([])).toEqual({ values: {}, leaves: [] });
  });

  const tree = fc.object({
    maxDepth: 3,
    key: fc.constantFrom('a', 'b', 'c', 'env', '__proto__'),
    values: [fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer())],
  });
  const kinds = fc.constantFrom('base', 'values-file', 'override', 'snapshot-lock', 'bundle-flag');
  const layers = fc.array(fc.record({ kind: kinds, source: fc.string(), values: tree }), {
    maxLength: 6,
  });

  it('merges exactly as mergeValues does, layer after layer', () => {
    fc.assert(
      fc.property(layers, (generated) => {
        const folded = generated.reduce<Values>((acc, l) => mergeValues(acc, l.values), {});
        expect(traceValues(generated).values).toEqual(sortKeysDeep(folded));
      }),
    );
  });

  it('credits every leaf to exactly one layer: the last that holds its path, with that value', () => {
    fc.assert(
      fc.property(layers, (generated) => {
        const { values, leaves } = traceValues(generated);
        expect(leaves.length).toBe(
          Object.values(values).reduce<number>((sum, inner) => sum + countLeaves(inner), 0),
        );
        for (const leaf of leaves) {
          const holders = generated.flatMap((candidate, index) =>
            getValueAtPath(candidate.values, leaf.path) === undefined ? [] : [index],
          );
          const credited = generated[holders.at(-1) as number] as ValuesLayer;
          expect({ layer: credited.kind, source: credited.source }).toEqual({
            layer: leaf.layer,
            source: leaf.source,
          });
          expect(sortKeysDeep(getValueAtPath(credited.values, leaf.path))).toEqual(leaf.value);
          expect(getValueAtPath(values, leaf.path)).toEqual(leaf.value);
        }
      }),
    );
  });
});

describe('valuesProvenance', () => {
  it('credits the base file, the overlay values file and the overlay that wrote each override', () => {
    const { recipe, origins } = assemble(demo);
    const gpu = recipe.componentRefs.find((ref) => ref.name === 'gpu-operator')!;
    const { leaves } = valuesProvenance(catalog, gpu, { origins: origins.get('gpu-operator') });
    expect(leaves).toEqual([
      {
        path: ['driver', 'enabled'],
        value: true,
        layer: 'base',
        source: 'components/gpu-operator/values.yaml',
      },
      {
        path: ['driver', 'rdma', 'enabled'],
        value: true,
        layer: 'override',
        source: 'eks-training',
      },
      {
        path: ['driver', 'useOpenKernelModules'],
        value: true,
        layer: 'values-file',
        source: 'components/gpu-operator/values-eks-training.yaml',
      },
      {
        path: ['driver', 'version'],
        value: '580.105.08',
        layer: 'override',
        source: 'h100-eks-ubuntu-training',
      },
      {
        path: ['operator', 'resources', 'limits', 'cpu'],
        value: '500m',
        layer: 'base',
        source: 'components/gpu-operator/values.yaml',
      },
    ]);
  });

  it('credits the driver version a snapshot locks to the measurement it was read from', () => {
    const { recipe, origins } = assemble(demo, demoSnapshot());
    const gpu = recipe.componentRefs.find((ref) => ref.name === 'gpu-operator')!;
    const { leaves } = valuesProvenance(catalog, gpu, { origins: origins.get('gpu-operator') });
    expect(origin(leaves, 'driver.version')).toEqual({
      path: ['driver', 'version'],
      value: '570.133.20',
      layer: 'snapshot-lock',
      source: 'GPU.smi.driver',
    });
  });

  it('records no lock where the values switch the feature off', () => {
    const { origins } = assemble({ service: 'kind' }, demoSnapshot());
    expect(origins.get('gpu-operator')?.locks).toEqual([]);
  });

  it('keeps the recipe overrides as one layer when nothing says which overlay wrote them', () => {
    const { recipe } = assemble(demo);
    const gpu = recipe.componentRefs.find((ref) => ref.name === 'gpu-operator')!;
    expect(origin(valuesProvenance(catalog, gpu).leaves, 'driver.rdma.enabled')).toMatchObject({
      layer: 'override',
      source: RECIPE_OVERRIDES,
    });
  });

  it('credits --set values and node placement to the bundle flags, applied last', () => {
    const { recipe, origins } = assemble(demo);
    const options = toBundleOptions(
      { set: ['gpuoperator:driver.version=999'], acceleratedNodeSelector: ['pool=gpu'] },
      'test',
    );
    const flagged = flagComponents(recipe, catalog, options);
    const gpu = flagged.find(({ ref }) => ref.name === 'gpu-operator')!;
    const { values, leaves } = valuesProvenance(catalog, gpu.ref, {
      origins: origins.get('gpu-operator'),
      flags: gpu.flags,
    });
    expect(origin(leaves, 'driver.version')).toMatchObject({
      value: 999,
      layer: 'bundle-flag',
      source: '--set gpuoperator:driver.version=999',
    });
    const planned = planBundle(recipe, catalog, options).components.find(
      (c) => c.name === 'gpu-operator',
    );
    expect(values).toEqual(planned?.values);
  });

  it.each([
    ['criteria', demo, undefined],
    ['the demo snapshot', demo, demoSnapshot()],
    ['kind, which disables a component and the driver', { service: 'kind' }, demoSnapshot()],
  ])(
    'merges to componentValues for every component of the recipe from %s',
    (_name, criteria, snapshot) => {
      const { recipe, origins } = assemble(criteria, snapshot);
      for (const ref of recipe.componentRefs) {
        expect(valuesProvenance(catalog, ref, { origins: origins.get(ref.name) }).values).toEqual(
          componentValues(catalog, ref),
        );
      }
    },
  );
});

function countLeaves(values: unknown): number {
  if (!isValuesObject(values)) return 1;
  const entries = Object.values(values);
  return entries.length === 0
    ? 1
    : entries.reduce<number>((sum, inner) => sum + countLeaves(inner), 0);
}
