import { describe, expect, it } from 'vitest';
import { DEMO_SNAPSHOT_YAML, MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { parseCatalog } from '../../core/recipe/parse-catalog.js';
import { parseWithSchema } from '../../core/shared/documents.js';
import { parseDocumentText } from '../../core/shared/parse-document-text.js';
import { snapshotSchema } from '../../core/snapshot/snapshot.js';
import { toBundleOptions } from '../bundle/to-bundle-options.js';
import { traceRecipeValues } from './trace-recipe-values.js';

const warnings: string[] = [];
const deps = {
  catalog: parseCatalog(MINI_CATALOG_FILES),
  clock: { now: () => new Date('2026-01-13T13:05:58Z') },
  reporter: { warn: (message: string) => warnings.push(message), info: () => undefined },
  toolVersion: 'test',
};
const demo = { service: 'eks', accelerator: 'h100', os: 'ubuntu', intent: 'training' };
const snapshot = parseWithSchema(
  snapshotSchema,
  parseDocumentText(DEMO_SNAPSHOT_YAML, 'demo'),
  'demo',
  'Snapshot',
);
const leaf = (trace: ReturnType<typeof traceRecipeValues>, component: string, path: string) =>
  trace.components.find((c) => c.name === component)?.leaves.find((l) => l.path.join('.') === path);

describe('traceRecipeValues', () => {
  it('traces every component of the recipe, in deployment order', () => {
    const trace = traceRecipeValues({ criteria: demo }, deps);
    expect(trace.components.map((c) => c.name)).toEqual([
      'cert-manager',
      'gpu-operator',
      'skyhook',
      'zeta',
    ]);
    expect(trace.criteria).toMatchObject(demo);
    expect(trace.layers).toEqual([
      'base',
      'values-file',
      'override',
      'snapshot-lock',
      'bundle-flag',
    ]);
    expect(leaf(trace, 'gpu-operator', 'driver.useOpenKernelModules')).toMatchObject({
      layer: 'values-file',
      source: 'components/gpu-operator/values-eks-training.yaml',
    });
  });

  it('detects the criteria from a snapshot and credits the driver it locks', () => {
    const trace = traceRecipeValues({ criteria: {}, snapshot }, deps);
    expect(trace.criteria).toMatchObject({ service: 'eks', accelerator: 'h100', os: 'ubuntu' });
    expect(leaf(trace, 'gpu-operator', 'driver.version')).toMatchObject({
      value: '570.133.20',
      layer: 'snapshot-lock',
    });
  });

  it('gives the values a bundle ships, without the components it drops', () => {
    const bundle = toBundleOptions(
      { set: ['skyhook:enabled=false', 'zeta:enabled=false', 'gpu-operator:operator.replicas=2'] },
      'test',
    );
    const trace = traceRecipeValues({ criteria: demo, bundle }, deps);
    expect(trace.components.map((c) => c.name)).toEqual(['cert-manager', 'gpu-operator']);
    expect(leaf(trace, 'gpu-operator', 'operator.replicas')).toMatchObject({
      value: 2,
      layer: 'bundle-flag',
      source: '--set gpu-operator:operator.replicas=2',
    });
  });
});
