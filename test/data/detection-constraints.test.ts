// Recipes that depend on a criteria dimension check it on the node (issue 8 §1): an overlay that names
// an accelerator carries (itself or through an ancestor) a GPU model constraint, one that names an OS
// the os-release ID, one that names a service the node's provider. Each constraint agrees with how
// `recipe --snapshot` detects the same dimension, so a node passes exactly the recipes it is detected as.
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/core/recipe/catalog.js';
import type { Overlay } from '../../src/core/recipe/catalog-schema.js';
import { detectCriteria } from '../../src/core/recipe/detect-criteria.js';
import type { Snapshot } from '../../src/core/snapshot/snapshot.js';
import { validateRecipe } from '../../src/core/validate/validate-recipe.js';
import { describeQuery, embeddedCatalog, everyQuery, recipeFor } from './data-under-test.js';

const DETECTION = {
  accelerator: 'GPU.smi.gpu.model',
  os: 'OS.release.ID',
  service: 'K8s.node.provider',
} as const;
type Dimension = keyof typeof DETECTION;

/**
 * EKS overlays carry no provider constraint: the demo's recipe (eks/h100/ubuntu/training) keeps the
 * seed's four constraints plus the GPU model, and its snapshot records no node provider.
 */
const UNCHECKED_SERVICES = ['eks'];

/** The model names nvidia-smi reports, one per accelerator of the criteria. */
const MODELS: Readonly<Record<string, string>> = {
  h100: 'NVIDIA H100 80GB HBM3',
  h200: 'NVIDIA H200',
  gb200: 'NVIDIA GB200',
  b200: 'NVIDIA B200',
  a100: 'NVIDIA A100-SXM4-80GB',
  l40s: 'NVIDIA L40S',
  l40: 'NVIDIA L40',
};

function snapshotOf(name: string, value: string): Snapshot {
  const [type = '', subtype = '', ...key] = name.split('.');
  return {
    kind: 'Snapshot',
    apiVersion: 'cns.nvidia.com/v1alpha1',
    metadata: {},
    measurements: [{ type, subtypes: [{ subtype, data: { [key.join('.')]: value } }] }],
  };
}

/** The overlay's detection constraint for `dimension`, from itself or the nearest ancestor. */
function detectionConstraint(catalog: Catalog, overlay: Overlay, dimension: Dimension) {
  for (let current: Overlay | undefined = overlay; current;) {
    const found = current.spec.constraints.find((c) => c.name === DETECTION[dimension]);
    if (found) return found;
    current = current.spec.base === undefined ? undefined : catalog.overlays[current.spec.base];
  }
  return undefined;
}

const checked = async () => {
  const catalog = await embeddedCatalog();
  return Object.values(catalog.overlays).flatMap((overlay) =>
    (Object.keys(DETECTION) as Dimension[])
      .filter((dimension) => {
        const value = overlay.spec.criteria[dimension];
        if (value === undefined || value === 'any') return false;
        return !(dimension === 'service' && UNCHECKED_SERVICES.includes(value));
      })
      .map((dimension) => ({
        overlay: overlay.metadata.name,
        dimension,
        value: overlay.spec.criteria[dimension] ?? '',
        constraint: detectionConstraint(catalog, overlay, dimension),
      })),
  );
};

describe('detection constraints in the data', () => {
  it('cover every overlay that names an accelerator, an OS or a service (eks aside)', async () => {
    const missing = (await checked()).filter((c) => c.constraint === undefined);
    expect(missing.map((c) => `${c.overlay}: ${c.dimension}`)).toEqual([]);
    expect((await checked()).length).toBeGreaterThan(20);
  });

  it('hold on a node detected as the overlay criteria, and fail on nodes detected as anything else', async () => {
    for (const { overlay, dimension, value, constraint } of await checked()) {
      const name = DETECTION[dimension];
      const samples =
        dimension === 'accelerator'
          ? Object.values(MODELS)
          : dimension === 'os'
            ? ['ubuntu', 'rhel', 'cos', 'amzn', 'debian']
            : ['eks', 'gke', 'aks', 'oke', 'kind'];
      for (const sample of samples) {
        const snapshot = snapshotOf(name, sample);
        const detected = detectCriteria(snapshot).criteria[dimension];
        const [result] = validateRecipe(constraint ? [constraint] : [], snapshot).results;
        expect(
          { overlay, sample, status: result?.status },
          `${overlay}: ${name} ${constraint?.value ?? ''} on ${sample}`,
        ).toEqual({ overlay, sample, status: detected === value ? 'passed' : 'failed' });
      }
    }
  });

  it('are errors, so a node of another kind fails the recipe', async () => {
    for (const { constraint } of await checked())
      expect(constraint?.severity ?? 'error').toBe('error');
  });
});

describe('an accelerator-specific recipe', () => {
  // Walks recipes rather than overlays: an H200 recipe once had no overlay naming the H200, so no
  // overlay check saw it, and it passed an H100 node (found by a snapshot on a real H200 machine).
  it('passes a node with its GPU and fails a node with any other, for every service, OS and intent', async () => {
    const catalog = await embeddedCatalog();
    const queries = everyQuery().filter((q) => q.accelerator !== 'any' && q.platform === 'any');
    const wrong = queries.flatMap((query) => {
      const recipe = recipeFor(catalog, query);
      return Object.entries(MODELS).flatMap(([accelerator, model]) => {
        const expected = accelerator === query.accelerator ? 'passed' : 'failed';
        const snapshot = snapshotOf('GPU.smi.gpu.model', model);
        const gpu = validateRecipe(recipe.constraints, snapshot).results.find(
          (r) => r.name === 'GPU.smi.gpu.model',
        );
        return gpu?.status === expected
          ? []
          : [`${describeQuery(query)} on ${model}: ${gpu?.status ?? 'no GPU model constraint'}`];
      });
    });
    expect(queries.length).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it.each([
    ['eks', 'h100', 'ubuntu', 'training', 'gb200'],
    ['eks', 'gb200', 'ubuntu', 'training', 'h100'],
    ['gke', 'h100', 'cos', 'inference', 'l40s'],
    ['any', 'l40s', 'any', 'any', 'l40'],
  ])('for %s/%s/%s/%s fails a node with a %s', async (service, accelerator, os, intent, other) => {
    const recipe = recipeFor(await embeddedCatalog(), { service, accelerator, os, intent });
    const snapshot = snapshotOf('GPU.smi.gpu.model', MODELS[other] ?? '');
    const gpu = validateRecipe(recipe.constraints, snapshot).results.find(
      (r) => r.name === 'GPU.smi.gpu.model',
    );
    expect(gpu).toMatchObject({ status: 'failed', severity: 'error', actual: MODELS[other] });
  });
});
