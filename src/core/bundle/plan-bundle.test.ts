import { describe, expect, it } from 'vitest';
import { MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { buildRecipe } from '../recipe/build-recipe.js';
import { parseCriteria } from '../recipe/criteria.js';
import { parseCatalog } from '../recipe/parse-catalog.js';
import type { RecipeResult } from '../recipe/recipe-result.js';
import { CnsError } from '../shared/errors.js';
import { GIT_REPO_PLACEHOLDER, NO_PLACEMENT, type BundleOptions } from './bundle-options.js';
import { parseToleration, parseValueSetting } from './parse-bundle-flags.js';
import { planBundle } from './plan-bundle.js';

// The mini catalog, with scheduling paths for the GPU Operator.
const catalog = parseCatalog({
  ...MINI_CATALOG_FILES,
  'registry.yaml': (MINI_CATALOG_FILES['registry.yaml'] as string).replace(
    '        unlessFalse: driver.enabled\n',
    `        unlessFalse: driver.enabled
    nodeScheduling:
      system: { nodeSelectorPaths: [operator.nodeSelector], tolerationPaths: [operator.tolerations] }
      accelerated: { nodeSelectorPaths: [daemonsets.nodeSelector, nfd.worker.nodeSelector], tolerationPaths: [daemonsets.tolerations] }
`,
  ),
});

const recipe: RecipeResult = buildRecipe(catalog, {
  criteria: parseCriteria({
    service: 'eks',
    accelerator: 'h100',
    os: 'ubuntu',
    intent: 'training',
  }),
  generatedAt: new Date(0),
  toolVersion: 'test',
});

function options(overrides: Partial<BundleOptions> = {}): BundleOptions {
  return {
    deployer: 'script',
    system: NO_PLACEMENT,
    accelerated: NO_PLACEMENT,
    settings: [],
    git: { repoURL: GIT_REPO_PLACEHOLDER, revision: 'main', placeholder: true, given: false },
    toolVersion: 'test',
    ...overrides,
  };
}

const set = (...texts: string[]) => texts.map((text) => parseValueSetting('--set', text));

function errorOf(run: () => unknown): CnsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CnsError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const gpuOperator = (plan: ReturnType<typeof planBundle>) =>
  plan.components.find((c) => c.name === 'gpu-operator');

describe('planBundle', () => {
  it('keeps the recipe deployment order and numbers the components from 0', () => {
    const plan = planBundle(recipe, catalog, options());
    expect(plan.components.map((c) => [c.position, c.name])).toEqual(
      recipe.deploymentOrder.map((name, i) => [i, name]),
    );
  });

  it('applies values lowest first: base values, values file, overrides, --set, then node placement', () => {
    const plan = planBundle(
      recipe,
      catalog,
      options({
        settings: set(
          'gpu-operator:driver.version=1.2.3',
          'gpuoperator:operator.nodeSelector.zone=a',
          'gpu-operator:daemonsets.nodeSelector.pool=from-set',
        ),
        system: { nodeSelector: { nodeGroup: 'system-pool' }, tolerations: [] },
        accelerated: {
          nodeSelector: { pool: 'gpu' },
          tolerations: [
            parseToleration('--accelerated-node-toleration', 'dedicated=gpu:NoSchedule'),
          ],
        },
      }),
    );
    expect(gpuOperator(plan)?.values).toEqual({
      daemonsets: {
        nodeSelector: { pool: 'gpu' },
        tolerations: [{ effect: 'NoSchedule', key: 'dedicated', operator: 'Equal', value: 'gpu' }],
      },
      driver: {
        enabled: true,
        rdma: { enabled: true },
        useOpenKernelModules: true,
        version: '1.2.3',
      },
      nfd: { worker: { nodeSelector: { pool: 'gpu' } } },
      operator: {
        nodeSelector: { nodeGroup: 'system-pool', zone: 'a' },
        resources: { limits: { cpu: '500m' } },
      },
    });
  });

  it('lets the last --set win', () => {
    const plan = planBundle(
      recipe,
      catalog,
      options({ settings: set('gpu-operator:driver.version=1', 'gpu-operator:driver.version=2') }),
    );
    expect(gpuOperator(plan)?.values.driver).toMatchObject({ version: 2 });
  });

  it('leaves out a component set to enabled=false, renumbering the rest', () => {
    const plan = planBundle(recipe, catalog, options({ settings: set('zeta:enabled=false') }));
    expect(plan.components.map((c) => c.name)).not.toContain('zeta');
    expect(plan.components.map((c) => c.position)).toEqual(plan.components.map((_, i) => i));
  });

  it('refuses to leave out a component another one needs, naming both', () => {
    const error = errorOf(() =>
      planBundle(recipe, catalog, options({ settings: set('cert-manager:enabled=false') })),
    );
    expect(error.code).toBe('USAGE');
    expect(error.details).toEqual({ removed: 'cert-manager', dependent: 'gpu-operator' });
    expect(error.message).toContain('--set gpu-operator:enabled=false');
  });

  it('allows leaving out a component together with those that need it', () => {
    const plan = planBundle(
      recipe,
      catalog,
      options({ settings: set('cert-manager:enabled=false', 'gpu-operator:enabled=false') }),
    );
    expect(plan.components.map((c) => c.name)).toEqual(['skyhook', 'zeta']);
  });

  it.each([
    [
      'an unknown component',
      ['nope:driver.version=1'],
      'no component "nope" in this recipe; use one of',
    ],
    [
      'enabled set to something other than a boolean',
      ['zeta:enabled=maybe'],
      'enabled takes true or false',
    ],
    [
      'every component left out',
      recipe.deploymentOrder.map((name) => `${name}:enabled=false`),
      'nothing to bundle',
    ],
  ])('refuses %s', (_, texts, message) => {
    const error = errorOf(() => planBundle(recipe, catalog, options({ settings: set(...texts) })));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain(message);
  });

  it('reads the recipe manifests from the catalog, with their objects', () => {
    const plan = planBundle(recipe, catalog, options());
    expect(gpuOperator(plan)?.manifests).toEqual([
      expect.objectContaining({
        file: 'dcgm-exporter.yaml',
        builtIn: true,
        objects: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'dcgm-exporter' }],
      }),
    ]);
  });

  it('takes chart, source and namespace from the recipe before the registry', () => {
    const moved = {
      ...recipe,
      componentRefs: recipe.componentRefs.map((ref) =>
        ref.name === 'zeta'
          ? { ...ref, source: 'oci://registry.example/charts', namespace: 'elsewhere' }
          : ref,
      ),
    };
    const zeta = planBundle(moved, catalog, options()).components.find((c) => c.name === 'zeta');
    expect(zeta).toMatchObject({
      repository: 'oci://registry.example/charts',
      namespace: 'elsewhere',
      chart: 'zeta',
    });
  });

  it.each([
    [
      'a component the data does not know and the recipe does not describe',
      { name: 'ghost', version: '1.0' },
      'INPUT_SCHEMA',
      'no chart',
    ],
    [
      'a manifest the data does not have',
      { name: 'zeta', version: '1', manifestFiles: ['components/zeta/manifests/x.yaml'] },
      'NOT_FOUND',
      'not in the recipe data',
    ],
    [
      'a namespace that is not a DNS label',
      { name: 'zeta', version: '1', namespace: 'Bad_NS' },
      'INPUT_SCHEMA',
      'namespace',
    ],
    ['a version with a space', { name: 'zeta', version: '1 0' }, 'INPUT_SCHEMA', 'version'],
  ])('refuses %s', (_, ref, code, message) => {
    const odd = {
      ...recipe,
      componentRefs: [{ type: 'Helm', ...ref }],
      deploymentOrder: [ref.name],
    };
    const error = errorOf(() => planBundle(odd, catalog, options()));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('refuses a deployment order that does not list the components', () => {
    const error = errorOf(() =>
      planBundle({ ...recipe, deploymentOrder: ['zeta'] }, catalog, options()),
    );
    expect(error.code).toBe('INPUT_SCHEMA');
  });

  it('computes the order when an older recipe has none', () => {
    const plan = planBundle({ ...recipe, deploymentOrder: [] }, catalog, options());
    expect(plan.components.map((c) => c.name)).toEqual(recipe.deploymentOrder);
  });
});
