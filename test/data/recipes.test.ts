/**
 * Recipes built from the embedded data: the demo's recipe and bundle values come back, every query builds,
 * and rules that span overlays (Kubernetes floors, manifest lists, driver roots) hold in every recipe.
 */
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/core/recipe/catalog.js';
import { componentValues } from '../../src/core/recipe/component-values.js';
import { layerCatalogFiles } from '../../src/core/recipe/layer-catalog-files.js';
import { parseCatalog } from '../../src/core/recipe/parse-catalog.js';
import type { LooseCriteria } from '../../src/core/recipe/criteria.js';
import { getValueAtPath, type Values } from '../../src/core/recipe/merge-values.js';
import type { RecipeComponentRef, RecipeResult } from '../../src/core/recipe/recipe-result.js';
import type { Snapshot } from '../../src/core/snapshot/snapshot.js';
import {
  dataFiles,
  describeQuery,
  embeddedCatalog,
  everyQuery,
  recipeFor,
} from './data-under-test.js';

const DEMO_QUERY: LooseCriteria = {
  service: 'eks',
  accelerator: 'h100',
  os: 'ubuntu',
  intent: 'training',
};

/** The measurements of the demo's snapshot (demo report appendix A) that the recipe reads. */
const DEMO_SNAPSHOT: Snapshot = {
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: { 'source-node': 'ip-10-0-182-128.ec2.internal' },
  measurements: [
    { type: 'K8s', subtypes: [{ subtype: 'server', data: { version: 'v1.34.1-eks-3025e55' } }] },
    {
      type: 'OS',
      subtypes: [
        { subtype: 'release', data: { ID: 'ubuntu', VERSION_ID: '24.04' } },
        { subtype: 'sysctl', data: { '/proc/sys/kernel/osrelease': '6.8.0-1043-aws' } },
      ],
    },
    {
      type: 'GPU',
      subtypes: [
        {
          subtype: 'smi',
          data: { 'driver-version': '570.133.20', 'gpu.name': 'NVIDIA H100 80GB HBM3' },
        },
      ],
    },
  ],
};

function component(recipe: RecipeResult, name: string): RecipeComponentRef | undefined {
  return recipe.componentRefs.find((ref) => ref.name === name);
}

function valuesOf(data: Catalog, recipe: RecipeResult, name: string): Values {
  const ref = component(recipe, name);
  if (!ref) throw new Error(`${name} is not in the recipe`);
  return componentValues(data, ref);
}

/** The value at a dotted path whose numeric segments index lists; undefined where nothing is. */
function selectValue(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Removes the value at `path`, and any object that this leaves empty. */
function withoutPath(values: Values, path: readonly string[]): Values {
  const [head, ...rest] = path;
  if (head === undefined || !(head in values)) return values;
  const copy: Values = { ...values };
  const inner = rest.length === 0 ? {} : withoutPath(copy[head] as Values, rest);
  if (Object.keys(inner).length === 0) delete copy[head];
  else copy[head] = inner;
  return copy;
}

describe('the demo query (eks, h100, ubuntu, training)', () => {
  it('yields exactly the four constraints of the demo recipe, plus the GPU model', async () => {
    const recipe = recipeFor(await embeddedCatalog(), DEMO_QUERY);
    expect(recipe.constraints.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'K8s.server.version', value: '>= 1.30' },
      { name: 'GPU.smi.gpu.model', value: '~= H100' },
      { name: 'OS.release.ID', value: 'ubuntu' },
      { name: 'OS.release.VERSION_ID', value: '24.04' },
      { name: 'OS.sysctl./proc/sys/kernel/osrelease', value: '>= 6.8' },
    ]);
  });

  it('yields the demo components at the demo versions, skyhook at its real chart tag', async () => {
    const recipe = recipeFor(await embeddedCatalog(), DEMO_QUERY);
    const versions = Object.fromEntries(recipe.componentRefs.map((ref) => [ref.name, ref.version]));
    expect(versions).toMatchObject({
      'cert-manager': 'v1.17.2',
      'gpu-operator': 'v25.10.1',
      nvsentinel: 'v0.6.0',
      skyhook: 'v0.13.1',
    });
  });

  it('deploys the demo components in the demo order', async () => {
    const recipe = recipeFor(await embeddedCatalog(), DEMO_QUERY);
    const demo = ['cert-manager', 'gpu-operator', 'nvsentinel', 'skyhook'];
    expect(recipe.deploymentOrder.filter((name) => demo.includes(name))).toEqual(demo);
  });

  it('adds monitoring, gang scheduling and EFA to the demo components, Prometheus before the operator', async () => {
    const recipe = recipeFor(await embeddedCatalog(), DEMO_QUERY);
    expect(recipe.deploymentOrder).toEqual([
      'aws-efa-k8s-device-plugin',
      'cert-manager',
      'kube-prometheus-stack',
      'gpu-operator',
      'kai-scheduler',
      'nvsentinel',
      'prometheus-adapter',
      'skyhook',
    ]);
  });

  it('applies the overlay the demo names', async () => {
    const recipe = recipeFor(await embeddedCatalog(), DEMO_QUERY);
    expect(recipe.metadata.appliedOverlays).toContain('h100-eks-training');
  });

  it('ships the gpu-operator manifests the demo bundle lists and the skyhook tuning', async () => {
    const recipe = recipeFor(await embeddedCatalog(), DEMO_QUERY);
    expect(component(recipe, 'gpu-operator')?.manifestFiles).toEqual([
      'components/gpu-operator/manifests/dcgm-exporter-metrics.yaml',
      'components/gpu-operator/manifests/kernel-module-params.yaml',
    ]);
    expect(component(recipe, 'skyhook')?.manifestFiles).toEqual([
      'components/skyhook/manifests/tuning-h100-training.yaml',
    ]);
  });

  it('locks the driver found on the node when built from the demo snapshot', async () => {
    const recipe = recipeFor(await embeddedCatalog(), DEMO_QUERY, DEMO_SNAPSHOT);
    expect(recipe.metadata.excludedOverlays).toEqual([]);
    expect(component(recipe, 'gpu-operator')?.overrides).toEqual({
      driver: { version: '570.133.20' },
    });
  });

  it('reproduces appendix C.1 apart from the paths the bundle flags fill', async () => {
    const data = await embeddedCatalog();
    const recipe = recipeFor(data, DEMO_QUERY, DEMO_SNAPSHOT);
    const scheduling = data.components['gpu-operator']?.nodeScheduling;
    const flagPaths = [
      ...(scheduling?.system?.nodeSelectorPaths ?? []),
      ...(scheduling?.accelerated?.nodeSelectorPaths ?? []),
      ...(scheduling?.accelerated?.tolerationPaths ?? []),
    ];
    const c1 = parse(
      readFileSync(
        new URL('./fixtures/demo-appendix-c1-gpu-operator-values.yaml', import.meta.url),
        'utf8',
      ),
    ) as Values;
    for (const path of flagPaths) expect(getValueAtPath(c1, path.split('.')), path).toBeDefined();
    const actual = valuesOf(data, recipe, 'gpu-operator');
    // Every deviation names C.1's value and ours truly (null: the key is absent).
    const deviations = data.seedDeviations?.deviations ?? [];
    expect(data.seedDeviations?.component).toBe('gpu-operator');
    for (const { path, demo, ours } of deviations) {
      expect(getValueAtPath(c1, path.split('.')) ?? null, `C.1 ${path}`).toEqual(demo);
      expect(getValueAtPath(actual, path.split('.')) ?? null, `ours ${path}`).toEqual(ours);
    }
    const apart = [...flagPaths, ...deviations.map((d) => d.path)];
    const expected = apart.reduce((values, path) => withoutPath(values, path.split('.')), c1);
    const ours = deviations.reduce(
      (values, { path }) => withoutPath(values, path.split('.')),
      actual,
    );
    expect(ours).toEqual(expected);
  });

  it('keeps the seed deviations few, each with a reason and a source', async () => {
    const deviations = (await embeddedCatalog()).seedDeviations?.deviations ?? [];
    expect(deviations.map((d) => d.path).sort()).toEqual([
      // The effective twins of C.1's two no-op driver keys (which stay, as C.1 has them).
      'driver.kernelModuleType',
      'driver.upgradePolicy.maxParallelUpgrades',
      'gdrcopy.enabled',
      'gdrcopy.version',
    ]);
  });

  it('uses the base driver 580.105.08 when no snapshot is given', async () => {
    const data = await embeddedCatalog();
    const values = valuesOf(data, recipeFor(data, DEMO_QUERY), 'gpu-operator');
    expect(getValueAtPath(values, ['driver', 'version'])).toBe('580.105.08');
  });
});

interface EnvironmentCase {
  readonly name: string;
  readonly query: LooseCriteria;
  readonly values: Record<string, unknown>;
  readonly components?: readonly string[];
  readonly absent?: readonly string[];
  /** Values of nvidia-dra-driver-gpu. */
  readonly dra?: Record<string, unknown>;
}

const ENVIRONMENTS: readonly EnvironmentCase[] = [
  {
    name: 'GKE on COS leaves the driver to GKE and installs the toolkit under /home/kubernetes/bin/nvidia',
    query: { service: 'gke', accelerator: 'h100', os: 'cos', intent: 'training' },
    values: {
      'driver.enabled': false,
      'toolkit.installDir': '/home/kubernetes/bin/nvidia',
      'hostPaths.driverInstallDir': '/home/kubernetes/bin/nvidia',
      'cdi.default': true,
    },
    absent: ['skyhook'],
  },
  {
    name: 'AKS lets the operator own driver and toolkit (--gpu-driver none) and H100 training gets InfiniBand',
    query: { service: 'aks', accelerator: 'h100', os: 'ubuntu', intent: 'training' },
    values: {
      'toolkit.enabled': true,
      'driver.enabled': true,
      'driver.rdma.enabled': true,
      'operator.runtimeClass': undefined,
    },
    components: ['network-operator'],
  },
  {
    name: 'kind turns off the driver, toolkit, gdrcopy and MIG manager and asks for less CPU',
    query: { service: 'kind', accelerator: 'any', os: 'any', intent: 'any' },
    values: {
      'driver.enabled': false,
      'toolkit.enabled': false,
      'gdrcopy.enabled': false,
      'migManager.enabled': false,
      'operator.resources.requests.cpu': '100m',
    },
    absent: ['skyhook'],
  },
  {
    name: 'GB200 on EKS gets the chart-default driver, gdrcopy, CDI and the DRA driver for ComputeDomains',
    query: { service: 'eks', accelerator: 'gb200', os: 'ubuntu', intent: 'training' },
    values: { 'driver.version': '580.105.08', 'gdrcopy.enabled': true, 'cdi.enabled': true },
    components: ['nvidia-dra-driver-gpu', 'aws-efa-k8s-device-plugin'],
  },
  {
    name: 'GB200 on GKE COS points the DRA driver at the Google installer’s driver',
    query: { service: 'gke', accelerator: 'gb200', os: 'cos', intent: 'training' },
    values: { 'driver.enabled': false, 'gdrcopy.enabled': false },
    dra: { nvidiaDriverRoot: '/home/kubernetes/bin/nvidia' },
    components: ['nvidia-dra-driver-gpu'],
  },
  {
    name: 'GB200 on OKE reads the image driver at the host root',
    query: { service: 'oke', accelerator: 'gb200', os: 'any', intent: 'any' },
    values: { 'driver.enabled': false, 'devicePlugin.enabled': false },
    dra: { nvidiaDriverRoot: '/' },
    components: ['nvidia-dra-driver-gpu'],
  },
  {
    name: 'EKS on Amazon Linux uses the AMI driver and toolkit and the CDI device lists',
    query: { service: 'eks', accelerator: 'h100', os: 'amazonlinux', intent: 'inference' },
    values: {
      'driver.enabled': false,
      'driver.version': null,
      'toolkit.enabled': false,
      'toolkit.env': null,
      'gdrcopy.enabled': false,
      'devicePlugin.env': [{ name: 'DP_DISABLE_HEALTHCHECKS', value: '109' }],
    },
    components: [
      'aws-ebs-csi-driver',
      'aws-efa-k8s-device-plugin',
      'kube-prometheus-stack',
      'prometheus-adapter',
    ],
  },
  {
    name: 'OKE uses the GPU image driver and toolkit and OKE’s device plugin add-on',
    query: { service: 'oke', accelerator: 'h100', os: 'any', intent: 'any' },
    values: { 'driver.enabled': false, 'toolkit.enabled': false, 'devicePlugin.enabled': false },
  },
  {
    name: 'L40S has no MIG, so the MIG manager stays off',
    query: { service: 'any', accelerator: 'l40s', os: 'any', intent: 'any' },
    values: { 'migManager.enabled': false },
  },
  {
    name: 'every recipe scrapes GPU metrics into kube-prometheus-stack, and inference adds KAI',
    query: { service: 'any', accelerator: 'h100', os: 'ubuntu', intent: 'inference' },
    values: { 'dcgmExporter.serviceMonitor.enabled': true },
    components: ['kube-prometheus-stack', 'prometheus-adapter', 'kai-scheduler'],
  },
  {
    name: 'GKE reads the runtime configuration from the file and reboots for MIG',
    query: { service: 'gke', accelerator: 'h100', os: 'ubuntu', intent: 'training' },
    values: {
      'toolkit.env.2': { name: 'RUNTIME_CONFIG_SOURCE', value: 'file' },
      'migManager.env.0': { name: 'WITH_REBOOT', value: 'true' },
      'driver.enabled': true,
    },
    components: ['kai-scheduler'],
  },
  {
    name: 'the dynamo platform adds its CRDs and platform chart',
    query: {
      service: 'eks',
      accelerator: 'h100',
      os: 'ubuntu',
      intent: 'inference',
      platform: 'dynamo',
    },
    values: {},
    components: ['dynamo-crds', 'dynamo-platform'],
  },
  {
    name: 'the kubeflow platform adds the trainer',
    query: {
      service: 'gke',
      accelerator: 'h100',
      os: 'cos',
      intent: 'training',
      platform: 'kubeflow',
    },
    values: {},
    components: ['kubeflow-trainer'],
  },
];

describe('environment recipes', () => {
  it.each(ENVIRONMENTS)('$name', async ({ query, values, components = [], absent = [], dra }) => {
    const data = await embeddedCatalog();
    const recipe = recipeFor(data, query);
    const gpuOperator = valuesOf(data, recipe, 'gpu-operator');
    for (const [path, value] of Object.entries(values)) {
      expect(selectValue(gpuOperator, path), path).toEqual(value);
    }
    for (const [path, value] of Object.entries(dra ?? {})) {
      expect(selectValue(valuesOf(data, recipe, 'nvidia-dra-driver-gpu'), path), path).toEqual(
        value,
      );
    }
    const names = recipe.componentRefs.map((ref) => ref.name);
    for (const name of components) expect(names).toContain(name);
    for (const name of absent) expect(names).not.toContain(name);
  });

  it('deploys dynamo-crds before dynamo-platform and kube-prometheus-stack before prometheus-adapter', async () => {
    const recipe = recipeFor(await embeddedCatalog(), {
      service: 'eks',
      accelerator: 'gb200',
      intent: 'inference',
      platform: 'dynamo',
    });
    const at = (name: string) => recipe.deploymentOrder.indexOf(name);
    expect(at('dynamo-crds')).toBeLessThan(at('dynamo-platform'));
    expect(at('kube-prometheus-stack')).toBeLessThan(at('prometheus-adapter'));
    expect(at('aws-ebs-csi-driver')).toBeLessThan(at('kube-prometheus-stack'));
    expect(at('cert-manager')).toBeLessThan(at('gpu-operator'));
    expect(at('gpu-operator')).toBeLessThan(at('nvidia-dra-driver-gpu'));
  });
});

const K8S = 'K8s.server.version';

function kubernetesFloor(recipe: RecipeResult): string {
  const constraint = recipe.constraints.find((c) => c.name === K8S);
  return (constraint?.value ?? '').replace(/^>=\s*/, '');
}

/**
 * Rules about manifests, which the coherence rules (data/rules, checked in coherence.test.ts) do not read:
 * the ConfigMaps the gpu-operator values name ship exactly once, GB200 drivers get their parameters, and
 * GKE gets its quota.
 */
function manifestProblems(data: Catalog, query: LooseCriteria, recipe: RecipeResult): string[] {
  const problems: string[] = [];
  const gpu = valuesOf(data, recipe, 'gpu-operator');
  const manifests = component(recipe, 'gpu-operator')?.manifestFiles ?? [];
  if (!/^>=\s*\d/.test(recipe.constraints.find((c) => c.name === K8S)?.value ?? ''))
    problems.push('no Kubernetes floor');
  const kernelParams = manifests.filter((path) => path.includes('/kernel-module-params'));
  if (
    getValueAtPath(gpu, ['driver', 'kernelModuleConfig', 'name']) === 'kernel-module-params' &&
    kernelParams.length !== 1
  ) {
    problems.push(`kernel-module-params ConfigMap shipped ${kernelParams.length} times`);
  }
  if (
    getValueAtPath(gpu, ['dcgmExporter', 'config', 'name']) === 'dcgm-exporter' &&
    !manifests.some((p) => p.endsWith('/dcgm-exporter-metrics.yaml'))
  ) {
    problems.push('dcgm-exporter ConfigMap missing');
  }
  if (
    query.accelerator === 'gb200' &&
    getValueAtPath(gpu, ['driver', 'enabled']) === true &&
    !kernelParams.some((p) => p.endsWith('-gb200.yaml'))
  ) {
    problems.push('GB200 without its kernel parameters');
  }
  if (
    query.service === 'gke' &&
    !manifests.some((p) => p.endsWith('/gke-critical-pods-quota.yaml'))
  ) {
    problems.push('GKE without the critical-pods ResourceQuota');
  }
  const tuning = component(recipe, 'skyhook')?.manifestFiles ?? [];
  if (
    tuning.some((path) => changesKernel(data.manifests[path] ?? '')) &&
    !dependsOn(recipe, 'gpu-operator', 'skyhook')
  )
    problems.push(
      'Skyhook customizations that change the kernel or reboot deployed after gpu-operator',
    );
  return problems;
}

/**
 * Whether Skyhook packages in a manifest change the kernel or its boot settings (a reboot interrupt, a
 * grub.conf, or a kernel install): the driver is built for the running kernel, so such customizations go
 * before gpu-operator. Sysctl and service limits do not touch the driver.
 * source: NVIDIA/skyhook-packages tuning/README.md (grub.conf needs a reboot), nvidia-setup/README.md
 * (kernel install, then reboot)
 */
function changesKernel(text: string): boolean {
  return parseAllDocuments(text).some((doc) => {
    const object = doc.toJS() as {
      kind?: string;
      spec?: { packages?: Record<string, unknown> };
    } | null;
    if (object?.kind !== 'Skyhook') return false;
    return Object.values(object.spec?.packages ?? {}).some((pkg) => {
      const text = JSON.stringify(pkg);
      return /"type":"reboot"|"grub\.conf"|nvidia-setup|NVIDIA_SETUP_INSTALL_KERNEL/.test(text);
    });
  });
}

function dependsOn(recipe: RecipeResult, later: string, earlier: string): boolean {
  const pending = [...(component(recipe, later)?.dependencyRefs ?? [])];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (next === earlier) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(component(recipe, next)?.dependencyRefs ?? []));
  }
  return false;
}

describe('every query', () => {
  const queries = everyQuery();

  it(`builds a recipe, merges every component's values and ships its manifests once (${queries.length} queries)`, async () => {
    const data = await embeddedCatalog();
    const failures: string[] = [];
    for (const query of queries) {
      try {
        const recipe = recipeFor(data, query);
        for (const ref of recipe.componentRefs) componentValues(data, ref);
        for (const problem of manifestProblems(data, query, recipe))
          failures.push(`${describeQuery(query)}: ${problem}`);
      } catch (error) {
        failures.push(
          `${describeQuery(query)}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('always includes the four base components', async () => {
    const data = await embeddedCatalog();
    const missing = queries.flatMap((query) => {
      const names = recipeFor(data, query).componentRefs.map((ref) => ref.name);
      return ['cert-manager', 'gpu-operator', 'nvsentinel']
        .filter((name) => !names.includes(name))
        .map((name) => `${describeQuery(query)}: ${name}`);
    });
    expect(missing).toEqual([]);
  });

  it('gives every constraint a remediation hint', async () => {
    const data = await embeddedCatalog();
    const bare = Object.values(data.overlays).flatMap((overlay) =>
      overlay.spec.constraints
        .filter((c) => !c.remediation)
        .map((c) => `${overlay.metadata.name}: ${c.name}`),
    );
    expect(bare).toEqual([]);
  });
});

function snapshotWith(changes: Readonly<Record<string, string>>): Snapshot {
  const measurements = DEMO_SNAPSHOT.measurements.map((m) => ({
    type: m.type,
    subtypes: m.subtypes.map((sub) => {
      const data: Record<string, string | number | boolean> = { ...sub.data };
      for (const [name, value] of Object.entries(changes)) {
        if (name.startsWith(`${m.type}.${sub.subtype}.`))
          data[name.slice(m.type.length + sub.subtype.length + 2)] = value;
      }
      return { subtype: sub.subtype, data };
    }),
  }));
  return { ...DEMO_SNAPSHOT, measurements };
}

describe('recipes from a snapshot', () => {
  it('leave out the Ubuntu training overlay on Ubuntu 22.04, keeping the EKS floor', async () => {
    const recipe = recipeFor(
      await embeddedCatalog(),
      DEMO_QUERY,
      snapshotWith({ 'OS.release.VERSION_ID': '22.04' }),
    );
    expect(recipe.metadata.excludedOverlays).toEqual(['ubuntu-training']);
    // The overlay's constraints stay, marked, so validating the node against this recipe fails them.
    expect(
      recipe.constraints.map((c) => [c.name, c.excludedOverlay ?? 'applied', c.excludedBecause]),
    ).toEqual([
      ['K8s.server.version', 'applied', undefined],
      ['GPU.smi.gpu.model', 'applied', undefined],
      ['OS.release.ID', 'ubuntu-training', expect.stringContaining('OS.release.VERSION_ID: ')],
      ['OS.release.VERSION_ID', 'ubuntu-training', expect.stringContaining('found "22.04"')],
      ['OS.sysctl./proc/sys/kernel/osrelease', 'ubuntu-training', expect.any(String)],
    ]);
  });

  it('leave out GB200 DRA on a cluster older than 1.34 instead of shipping a driver it cannot run', async () => {
    const recipe = recipeFor(
      await embeddedCatalog(),
      { ...DEMO_QUERY, accelerator: 'gb200' },
      snapshotWith({
        'K8s.server.version': 'v1.33.5-eks-1234567',
        'GPU.smi.gpu.name': 'NVIDIA GB200',
      }),
    );
    expect(recipe.metadata.excludedOverlays).toEqual(['gb200', 'gb200-eks-training']);
    expect(recipe.deploymentOrder).not.toContain('nvidia-dra-driver-gpu');
    // The DRA overlay's floor stays in the recipe, marked, so the node is judged by it.
    expect(kubernetesFloor(recipe)).toBe('1.34');
    expect(recipe.constraints.find((c) => c.name === K8S)).toMatchObject({
      excludedOverlay: 'gb200-eks-training',
      excludedBecause: expect.stringContaining('v1.33.5-eks-1234567 is not >= 1.34'),
    });
    // The recipe says what the node misses instead of passing silently.
    expect(recipe.metadata.coherenceWarnings?.map((w) => w.rule)).toEqual([
      'gb200-needs-compute-domains',
    ]);
  });

  it('keep an overlay whose platform-managed driver is only warned about', async () => {
    const recipe = recipeFor(
      await embeddedCatalog(),
      { service: 'gke', accelerator: 'h100', os: 'cos', intent: 'training' },
      snapshotWith({ 'GPU.smi.driver': '535.230.02', 'OS.release.ID': 'cos' }),
    );
    expect(recipe.metadata.appliedOverlays).toContain('h100-gke-cos-training');
    expect(recipe.metadata.constraintWarnings?.map((w) => w.name)).toContain('GPU.smi.driver');
    // Google's installer owns the driver on COS, so the snapshot's driver is not locked into the values.
    expect(
      getValueAtPath(component(recipe, 'gpu-operator')?.overrides, ['driver']),
    ).toBeUndefined();
  });
});

describe('a user directory layered over the data (the example in docs/data-authoring.md)', () => {
  function exampleOverlay(): string {
    const doc = readFileSync(new URL('../../docs/data-authoring.md', import.meta.url), 'utf8');
    const match = /# my-data\/overlays\/site-eks-inference\.yaml\n([\s\S]*?)```/.exec(doc);
    if (!match?.[1]) throw new Error('the example overlay is not in docs/data-authoring.md');
    return match[1];
  }

  it('drops the EBS CSI driver, keeps Prometheus storage and pins the driver', async () => {
    const { files, origin } = layerCatalogFiles(
      await dataFiles(),
      { 'overlays/site-eks-inference.yaml': exampleOverlay() },
      'my-data',
    );
    const data = parseCatalog(files, origin);
    const recipe = recipeFor(data, { service: 'eks', os: 'ubuntu', intent: 'inference' });
    expect(recipe.metadata.appliedOverlays.at(-1)).toBe('site-eks-inference');
    expect(recipe.deploymentOrder).not.toContain('aws-ebs-csi-driver');
    const prometheus = valuesOf(data, recipe, 'kube-prometheus-stack');
    expect(
      getValueAtPath(
        prometheus,
        'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName'.split(
          '.',
        ),
      ),
    ).toBe('gp3');
    expect(getValueAtPath(valuesOf(data, recipe, 'gpu-operator'), ['driver', 'version'])).toBe(
      '580.95.05',
    );
  });
});

describe('Skyhook customizations and the GPU Operator', () => {
  const skyhook = (pkg: string) =>
    `apiVersion: skyhook.nvidia.com/v1alpha1\nkind: Skyhook\nmetadata: {name: t}\nspec:\n  packages:\n    p:\n${pkg}`;

  it.each([
    ['a reboot interrupt', '      interrupt: {type: reboot}\n', true],
    ['a grub.conf', '      configMap: {grub.conf: "hugepages=2"}\n', true],
    [
      'sysctl and containerd limits with service restarts',
      '      interrupt: {type: restartAllServices}\n',
      false,
    ],
  ])('count %s as a kernel change: %s', (_name, pkg, expected) => {
    expect(changesKernel(skyhook(pkg))).toBe(expected);
  });

  it('leave the shipped tuning (sysctl, containerd limits) after gpu-operator, as the demo orders them', async () => {
    const data = await embeddedCatalog();
    const tuning = Object.entries(data.manifests).filter(([path]) =>
      path.startsWith('components/skyhook/'),
    );
    expect(tuning.length).toBeGreaterThan(0);
    expect(tuning.filter(([, text]) => changesKernel(text)).map(([path]) => path)).toEqual([]);
  });
});
