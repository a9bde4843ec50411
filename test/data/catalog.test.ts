/**
 * The embedded recipe data parses, and parseCatalog reports each kind of defect with its file and line.
 */
import { describe, expect, it } from 'vitest';
import { parseCatalog, type CatalogProblem } from '../../src/core/recipe/parse-catalog.js';
import { CnsError } from '../../src/core/shared/errors.js';
import { dataFiles, embeddedCatalog } from './data-under-test.js';

describe('the embedded data directory', () => {
  it('parses into a catalog without problems', async () => {
    const data = await embeddedCatalog();
    expect(Object.keys(data.components).length).toBeGreaterThanOrEqual(14);
    expect(Object.keys(data.overlays)).toContain('base');
  });

  it('has exactly one root overlay, named base', async () => {
    const data = await embeddedCatalog();
    const roots = Object.values(data.overlays).filter((o) => o.spec.base === undefined);
    expect(roots.map((o) => o.metadata.name)).toEqual(['base']);
    expect(roots[0]?.spec.criteria).toEqual({});
  });

  it('lists every component of the knowledge sheet in the registry', async () => {
    const data = await embeddedCatalog();
    expect(Object.keys(data.components).sort()).toEqual(
      [
        'aws-ebs-csi-driver',
        'aws-efa-k8s-device-plugin',
        'cert-manager',
        'dynamo-crds',
        'dynamo-platform',
        'gpu-operator',
        'kai-scheduler',
        'kube-prometheus-stack',
        'kubeflow-trainer',
        'network-operator',
        'nvidia-dra-driver-gpu',
        'nvsentinel',
        'prometheus-adapter',
        'skyhook',
      ].sort(),
    );
    expect(data.components.skyhook?.helm.chart).toBe('skyhook-operator');
    expect(data.components.skyhook?.setAliases).toContain('skyhook-operator');
  });

  it('keeps every values file and manifest in use by the registry or an overlay', async () => {
    const data = await embeddedCatalog();
    const used = new Set<string>();
    for (const component of Object.values(data.components)) {
      if (component.valuesFile) used.add(component.valuesFile);
    }
    for (const overlay of Object.values(data.overlays)) {
      for (const ref of overlay.spec.componentRefs) {
        if (ref.valuesFile) used.add(ref.valuesFile);
        for (const manifest of ref.manifestFiles ?? []) used.add(manifest);
      }
    }
    const present = [...Object.keys(data.values), ...Object.keys(data.manifests)];
    expect(present.filter((path) => !used.has(path))).toEqual([]);
  });

  it('puts a values file or manifest only under the folder of the component that uses it', async () => {
    const data = await embeddedCatalog();
    const misplaced: string[] = [];
    for (const overlay of Object.values(data.overlays)) {
      for (const ref of overlay.spec.componentRefs) {
        for (const path of [ref.valuesFile, ...(ref.manifestFiles ?? [])]) {
          if (path !== undefined && !path.startsWith(`components/${ref.name}/`)) {
            misplaced.push(`${overlay.metadata.name}: ${path}`);
          }
        }
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('names each overlay after its file and describes it', async () => {
    const files = await dataFiles();
    const data = await embeddedCatalog();
    const overlayFiles = Object.keys(files).filter((path) => path.startsWith('overlays/'));
    expect(
      overlayFiles.map((path) => path.slice('overlays/'.length, -'.yaml'.length)).sort(),
    ).toEqual(Object.keys(data.overlays).sort());
    expect(
      Object.values(data.overlays)
        .filter((o) => !o.metadata.description)
        .map((o) => o.metadata.name),
    ).toEqual([]);
  });
});

// A small valid data set; each defect case changes or adds one file.
const REGISTRY = `apiVersion: cns.nvidia.com/v1alpha1
kind: ComponentRegistry
components:
  - name: cert-manager
    displayName: cert-manager
    helm: {repository: https://charts.jetstack.io, chart: cert-manager}
    namespace: cert-manager
    valuesFile: components/cert-manager/values.yaml
  - name: gpu-operator
    displayName: GPU Operator
    helm: {repository: https://helm.ngc.nvidia.com/nvidia, chart: gpu-operator}
    namespace: gpu-operator
`;

function overlay(name: string, body: string): string {
  return `apiVersion: cns.nvidia.com/v1alpha1
kind: RecipeOverlay
metadata:
  name: ${name}
spec:
${body}`;
}

function rules(body: string): string {
  return `apiVersion: cns.nvidia.com/v1alpha1
kind: CoherenceRules
rules:
  - id: r
    reason: because
    source: here
${body}`;
}

const VALID: Record<string, string> = {
  'registry.yaml': REGISTRY,
  'components/cert-manager/values.yaml': 'crds:\n  enabled: true\n',
  'components/gpu-operator/manifests/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
  'overlays/base.yaml': overlay(
    'base',
    `  componentRefs:
    - name: cert-manager
      version: v1.17.2
    - name: gpu-operator
      version: v25.10.1
      dependencyRefs: [cert-manager]
`,
  ),
  'overlays/eks.yaml': overlay('eks', '  base: base\n  criteria:\n    service: eks\n'),
};

function problemsOf(files: Record<string, string>): CatalogProblem[] {
  try {
    parseCatalog(files);
  } catch (error) {
    expect(error).toBeInstanceOf(CnsError);
    const cns = error as CnsError;
    expect(cns.code).toBe('BAD_DATA');
    return cns.details.problems as CatalogProblem[];
  }
  throw new Error('parseCatalog accepted data with a defect');
}

interface DefectCase {
  readonly name: string;
  readonly files: Record<string, string | undefined>;
  readonly expected: Partial<CatalogProblem>;
}

const DEFECTS: readonly DefectCase[] = [
  {
    name: 'an overlay whose base names no overlay is reported at that overlay',
    files: {
      'overlays/eks.yaml': overlay('eks', '  base: missing\n  criteria:\n    service: eks\n'),
    },
    expected: { file: 'overlays/eks.yaml' },
  },
  {
    name: 'a data set without registry.yaml is reported as a missing registry',
    files: { 'registry.yaml': undefined },
    expected: { file: 'registry.yaml', message: 'missing' },
  },
  {
    name: 'two overlays that are each other’s parent are reported as a parent cycle',
    files: {
      'overlays/a.yaml': overlay('a', '  base: b\n  criteria:\n    service: gke\n'),
      'overlays/b.yaml': overlay('b', '  base: a\n  criteria:\n    service: gke\n    os: cos\n'),
    },
    expected: { file: 'overlays/a.yaml' },
  },
  {
    name: 'two overlays with identical criteria are reported at the second one',
    files: {
      'overlays/eks2.yaml': overlay('eks2', '  base: base\n  criteria:\n    service: eks\n'),
    },
    expected: { file: 'overlays/eks2.yaml' },
  },
  {
    name: 'a registry valuesFile that does not exist is reported in registry.yaml',
    files: { 'components/cert-manager/values.yaml': undefined },
    expected: { file: 'registry.yaml' },
  },
  {
    name: 'an overlay valuesFile that does not exist is reported at the overlay',
    files: {
      'overlays/eks.yaml': overlay(
        'eks',
        '  base: base\n  criteria:\n    service: eks\n  componentRefs:\n    - name: gpu-operator\n      valuesFile: components/gpu-operator/values-eks.yaml\n',
      ),
    },
    expected: { file: 'overlays/eks.yaml' },
  },
  {
    name: 'a manifest that does not exist is reported at the overlay',
    files: {
      'overlays/eks.yaml': overlay(
        'eks',
        '  base: base\n  criteria:\n    service: eks\n  componentRefs:\n    - name: gpu-operator\n      manifestFiles: [components/gpu-operator/manifests/gone.yaml]\n',
      ),
    },
    expected: { file: 'overlays/eks.yaml' },
  },
  {
    name: 'a dependency on a component outside the registry is reported at the overlay',
    files: {
      'overlays/eks.yaml': overlay(
        'eks',
        '  base: base\n  criteria:\n    service: eks\n  componentRefs:\n    - name: gpu-operator\n      dependencyRefs: [nfd]\n',
      ),
    },
    expected: { file: 'overlays/eks.yaml' },
  },
  {
    name: 'a component reference outside the registry is reported at the overlay',
    files: {
      'overlays/eks.yaml': overlay(
        'eks',
        '  base: base\n  criteria:\n    service: eks\n  componentRefs:\n    - name: nfd\n      version: 0.18.2\n',
      ),
    },
    expected: { file: 'overlays/eks.yaml' },
  },
  {
    name: 'a child whose criteria drop a field its parent sets is reported at the child',
    files: {
      'overlays/h100.yaml': overlay('h100', '  base: eks\n  criteria:\n    accelerator: h100\n'),
    },
    expected: { file: 'overlays/h100.yaml' },
  },
  {
    name: 'a child that changes its parent’s criteria value is reported at the child',
    files: {
      'overlays/gke-h100.yaml': overlay(
        'gke-h100',
        '  base: eks\n  criteria:\n    service: gke\n    accelerator: h100\n',
      ),
    },
    expected: { file: 'overlays/gke-h100.yaml' },
  },
  {
    name: 'an unknown criteria value is a schema error with its line',
    files: {
      'overlays/eks.yaml': overlay('eks', '  base: base\n  criteria:\n    service: azure\n'),
    },
    expected: { file: 'overlays/eks.yaml', line: 8 },
  },
  {
    name: 'an unknown overlay field is a schema error with its line',
    files: {
      'overlays/eks.yaml': overlay(
        'eks',
        '  base: base\n  criteria:\n    service: eks\n  components: []\n',
      ),
    },
    expected: { file: 'overlays/eks.yaml', line: 6 },
  },
  {
    name: 'a registry entry with a bad repository URL is a schema error with its line',
    files: {
      'registry.yaml': REGISTRY.replace('https://charts.jetstack.io', 'charts.jetstack.io'),
    },
    expected: { file: 'registry.yaml', line: 6 },
  },
  {
    name: 'a constraint name that is not Type.Subtype.Key is a schema error with its line',
    files: {
      'overlays/eks.yaml': overlay(
        'eks',
        '  base: base\n  criteria:\n    service: eks\n  constraints:\n    - name: k8s\n      value: ">= 1.30"\n',
      ),
    },
    expected: { file: 'overlays/eks.yaml', line: 10 },
  },
  {
    name: 'an overlay named differently from its file is reported at the file',
    files: { 'overlays/eks.yaml': overlay('aws', '  base: base\n  criteria:\n    service: eks\n') },
    expected: { file: 'overlays/eks.yaml' },
  },
  {
    name: 'broken YAML is reported with its line',
    files: { 'components/cert-manager/values.yaml': 'crds:\n  enabled: true\n  enabled: false\n' },
    expected: { file: 'components/cert-manager/values.yaml', line: 3 },
  },
  {
    name: 'a values file that is a list is reported at the file',
    files: { 'components/cert-manager/values.yaml': '- crds\n' },
    expected: { file: 'components/cert-manager/values.yaml' },
  },
  {
    name: 'a manifest document that is not an object is reported at the file',
    files: { 'components/gpu-operator/manifests/cm.yaml': '- not\n- an object\n' },
    expected: { file: 'components/gpu-operator/manifests/cm.yaml' },
  },
  {
    name: 'a rule naming a component outside the registry is reported at its rules file',
    files: { 'rules/r.yaml': rules('    require: [{component: nfd}]\n') },
    expected: {
      file: 'rules/r.yaml',
      message: 'rule "r": component "nfd" is not in the registry',
    },
  },
  {
    name: 'a rule asking for a CRD group no component provides is reported',
    files: { 'rules/r.yaml': rules('    require: [{providesCrdGroup: monitoring.coreos.com}]\n') },
    expected: { file: 'rules/r.yaml' },
  },
  {
    name: 'two rules with one id are reported at the second file',
    files: {
      'rules/a.yaml': rules('    require: [{component: gpu-operator}]\n'),
      'rules/b.yaml': rules('    require: [{component: cert-manager}]\n'),
    },
    expected: { file: 'rules/b.yaml', message: 'rule "r" is also defined in rules/a.yaml' },
  },
  {
    name: 'a clause with two comparators is a schema error with its line',
    files: {
      'rules/r.yaml': rules(
        '    require:\n      - {component: gpu-operator, path: driver.enabled, equals: true, notEquals: false}\n',
      ),
    },
    expected: { file: 'rules/r.yaml', line: 8 },
  },
  {
    name: 'a values path outside the grammar is a schema error',
    files: {
      'rules/r.yaml': rules(
        '    require:\n      - {component: gpu-operator, path: "env[name]", exists: true}\n',
      ),
    },
    expected: { file: 'rules/r.yaml', line: 8 },
  },
  {
    name: 'seed deviations for a component outside the registry are reported',
    files: {
      'seed-deviations.yaml':
        'apiVersion: cns.nvidia.com/v1alpha1\nkind: SeedDeviations\ncomponent: nfd\ndeviations: []\n',
    },
    expected: { file: 'seed-deviations.yaml' },
  },
  {
    name: 'a seed deviation without its source is a schema error with its line',
    files: {
      'seed-deviations.yaml':
        'apiVersion: cns.nvidia.com/v1alpha1\nkind: SeedDeviations\ncomponent: gpu-operator\ndeviations:\n  - {path: gdrcopy.enabled, demo: false, ours: true, reason: r}\n',
    },
    expected: { file: 'seed-deviations.yaml', line: 5 },
  },
  {
    name: 'a coverage note for an unknown accelerator is a schema error',
    files: {
      'coverage.yaml':
        'apiVersion: cns.nvidia.com/v1alpha1\nkind: CoverageNotes\nfallbacks:\n  - {accelerator: v100, service: eks, note: n}\n',
    },
    expected: { file: 'coverage.yaml', line: 4 },
  },
  {
    name: 'a file outside registry.yaml, overlays/ and components/ is reported',
    files: { 'extra/notes.yaml': 'a: 1\n' },
    expected: { file: 'extra/notes.yaml' },
  },
];

describe('parseCatalog on defective data', () => {
  it('accepts the valid data set the defect cases start from', () => {
    expect(() => parseCatalog(VALID)).not.toThrow();
  });

  it('reads rules, seed deviations and coverage notes into the catalog', () => {
    const data = parseCatalog({
      ...VALID,
      'rules/r.yaml': rules(
        '    when: [{criteria: {service: eks}}]\n    require: [{component: gpu-operator}]\n',
      ),
      'seed-deviations.yaml':
        'apiVersion: cns.nvidia.com/v1alpha1\nkind: SeedDeviations\ncomponent: gpu-operator\ndeviations:\n  - {path: gdrcopy.enabled, demo: false, ours: true, reason: r, source: s}\n',
    });
    expect(data.rules?.map((r) => r.id)).toEqual(['r']);
    expect(data.seedDeviations?.deviations[0]).toMatchObject({ demo: false, ours: true });
    expect(data.coverage).toBeUndefined();
  });

  it.each(DEFECTS)('$name', ({ files, expected }) => {
    const changed: Record<string, string> = { ...VALID };
    for (const [path, text] of Object.entries(files)) {
      if (text === undefined) delete changed[path];
      else changed[path] = text;
    }
    expect(problemsOf(changed)).toContainEqual(expect.objectContaining(expected));
  });
});
