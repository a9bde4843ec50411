import { describe, expect, it } from 'vitest';
import { DEMO_SNAPSHOT_YAML, MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { parseWithSchema } from '../shared/documents.js';
import { isCnsError } from '../shared/errors.js';
import { parseDocumentText } from '../shared/parse-document-text.js';
import { snapshotSchema, type Snapshot } from '../snapshot/snapshot.js';
import { buildRecipe } from './build-recipe.js';
import { parseCriteria, type LooseCriteria } from './criteria.js';
import { hydrateRecipe } from './hydrate-recipe.js';
import { parseCatalog } from './parse-catalog.js';

const catalog = parseCatalog(MINI_CATALOG_FILES);
const generatedAt = new Date('2026-01-13T13:05:58Z');
const build = (criteria: LooseCriteria, snapshot?: Snapshot) =>
  buildRecipe(catalog, {
    criteria: parseCriteria(criteria),
    snapshot,
    generatedAt,
    toolVersion: '0.0.0-test',
  });
const demo = { service: 'eks', accelerator: 'h100', os: 'ubuntu', intent: 'training' };
const demoSnapshot = (): Snapshot =>
  parseWithSchema(
    snapshotSchema,
    parseDocumentText(DEMO_SNAPSHOT_YAML, 'demo'),
    'demo',
    'Snapshot',
  );

describe('buildRecipe', () => {
  it('applies overlays from general to specific, each after its parent', () => {
    expect(build(demo).metadata.appliedOverlays).toEqual([
      'base',
      'eks',
      'eks-training',
      'ubuntu-training',
      'h100-eks-ubuntu-training',
    ]);
  });

  it('merges constraints by name, keeping first-seen order and the most specific value', () => {
    expect(build(demo).constraints).toEqual([
      { name: 'K8s.server.version', value: '>= 1.30' },
      { name: 'OS.release.ID', value: 'ubuntu' },
      { name: 'OS.release.VERSION_ID', value: '24.04' },
      { name: 'OS.sysctl./proc/sys/kernel/osrelease', value: '>= 6.8' },
    ]);
  });

  it('merges component references field by field and deep-merges overrides', () => {
    const gpu = build(demo).componentRefs.find((c) => c.name === 'gpu-operator');
    expect(gpu).toEqual({
      name: 'gpu-operator',
      type: 'Helm',
      source: 'https://helm.ngc.nvidia.com/nvidia',
      chart: 'gpu-operator',
      namespace: 'gpu-operator',
      version: 'v25.10.1',
      valuesFile: 'components/gpu-operator/values-eks-training.yaml',
      overrides: { driver: { rdma: { enabled: true }, version: '580.105.08' } },
      manifestFiles: ['components/gpu-operator/manifests/dcgm-exporter.yaml'],
      dependencyRefs: ['cert-manager'],
    });
  });

  it('orders deployment by dependencies, alphabetically among the ready ones', () => {
    const recipe = build(demo);
    expect(recipe.deploymentOrder).toEqual(['cert-manager', 'gpu-operator', 'skyhook', 'zeta']);
    expect(recipe.componentRefs.map((c) => c.name)).toEqual(recipe.deploymentOrder);
  });

  it('removes a component an overlay disables', () => {
    expect(build({ service: 'kind' }).deploymentOrder).toEqual(['cert-manager', 'gpu-operator']);
  });

  it('gives a query of any only the overlays that leave every field open', () => {
    expect(build({}).metadata.appliedOverlays).toEqual(['base']);
    expect(build({ accelerator: 'h100' }).metadata.appliedOverlays).toEqual(['base']);
  });

  it('is deterministic: the same query gives the same recipe', () => {
    expect(JSON.stringify(build(demo))).toBe(JSON.stringify(build({ ...demo })));
  });

  it('locks the driver version found in the snapshot into the overrides', () => {
    const recipe = build(demo, demoSnapshot());
    expect(recipe.componentRefs.find((c) => c.name === 'gpu-operator')?.overrides).toMatchObject({
      driver: { version: '570.133.20' },
    });
    expect(recipe.metadata.excludedOverlays).toEqual([]);
  });

  it('does not lock the driver when the recipe disables the driver', () => {
    const recipe = build({ service: 'kind' }, demoSnapshot());
    expect(recipe.componentRefs.find((c) => c.name === 'gpu-operator')?.overrides).toEqual({
      driver: { enabled: false },
    });
  });

  it('excludes overlays whose own constraints fail on the snapshot, with their descendants', () => {
    const old = demoSnapshot();
    const snapshot: Snapshot = {
      ...old,
      measurements: old.measurements.map((m) =>
        m.type === 'K8s'
          ? { type: 'K8s', subtypes: [{ subtype: 'server', data: { version: 'v1.29.3-eks-1' } }] }
          : m,
      ),
    };
    const recipe = build(demo, snapshot);
    expect(recipe.metadata.excludedOverlays).toEqual(['eks-training', 'h100-eks-ubuntu-training']);
    expect(recipe.metadata.appliedOverlays).toEqual(['base', 'eks', 'ubuntu-training']);
    expect(recipe.metadata.constraintWarnings).toEqual([
      expect.objectContaining({
        overlay: 'eks-training',
        name: 'K8s.server.version',
        actual: 'v1.29.3-eks-1',
        status: 'failed',
      }),
    ]);
    expect(recipe.constraints[0]).toEqual({
      name: 'K8s.server.version',
      value: '>= 1.30',
      excludedOverlay: 'eks-training',
      excludedBecause:
        'K8s.server.version: v1.29.3-eks-1 is not >= 1.30 (compared at 2 components)',
    });
  });

  it('keeps every constraint of the recipe for the same criteria, marking those of excluded overlays', () => {
    const old = demoSnapshot();
    const snapshot: Snapshot = {
      ...old,
      measurements: old.measurements.map((m) =>
        m.type === 'K8s'
          ? { type: 'K8s', subtypes: [{ subtype: 'server', data: { version: 'v1.29.3-eks-1' } }] }
          : m,
      ),
    };
    const fromSnapshot = build(demo, snapshot).constraints;
    const fromFlags = build(demo).constraints;
    expect(fromSnapshot.map(({ name, value }) => ({ name, value }))).toEqual(fromFlags);
    expect(fromSnapshot.filter((c) => c.excludedOverlay).map((c) => c.name)).toEqual([
      'K8s.server.version',
    ]);
  });

  it('hydrates merged values: base values, then the values file, then overrides', () => {
    const hydrated = hydrateRecipe(catalog, build(demo));
    expect(hydrated.components['gpu-operator']?.values).toEqual({
      driver: {
        enabled: true,
        rdma: { enabled: true },
        useOpenKernelModules: true,
        version: '580.105.08',
      },
      operator: { resources: { limits: { cpu: '500m' } } },
    });
  });

  it('reports a dependency on a component missing from the recipe', () => {
    const broken = parseCatalog({
      ...MINI_CATALOG_FILES,
      'overlays/kind.yaml': (MINI_CATALOG_FILES['overlays/kind.yaml'] ?? '').replace(
        '- { name: skyhook, enabled: false }',
        '- { name: skyhook, enabled: false }\n    - { name: zeta, version: "1", dependencyRefs: [skyhook] }',
      ),
    });
    try {
      buildRecipe(broken, {
        criteria: parseCriteria({ service: 'kind' }),
        generatedAt,
        toolVersion: 't',
      });
      expect.unreachable();
    } catch (error) {
      expect(isCnsError(error) && error.code).toBe('BAD_DATA');
      expect(isCnsError(error) && error.details).toMatchObject({
        component: 'zeta',
        dependency: 'skyhook',
      });
    }
  });
});
