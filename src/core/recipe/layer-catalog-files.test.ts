/**
 * A user's data directory laid over the embedded data: files replace files, registries merge by
 * component name, and a mistake in the user's data is reported once, in the user's file, at the
 * user's line, not as a cascade through everything that refers to it.
 */
import { describe, expect, it } from 'vitest';
import { MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { CnsError } from '../shared/errors.js';
import { layerCatalogFiles } from './layer-catalog-files.js';
import { parseCatalog, type CatalogProblem } from './parse-catalog.js';

const layered = (user: Record<string, string>) =>
  layerCatalogFiles(MINI_CATALOG_FILES, user, 'mine');

function problemsOf(user: Record<string, string>): CatalogProblem[] {
  const { files, origin } = layered(user);
  try {
    parseCatalog(files, origin);
  } catch (error) {
    expect(error).toBeInstanceOf(CnsError);
    expect((error as CnsError).code).toBe('BAD_DATA');
    return (error as CnsError).details.problems as CatalogProblem[];
  }
  throw new Error('parseCatalog accepted data with a defect');
}

const REGISTRY_HEAD = `apiVersion: cns.nvidia.com/v1alpha1
kind: ComponentRegistry
components:
`;

const overlay = (name: string, spec: string) => `apiVersion: cns.nvidia.com/v1alpha1
kind: RecipeOverlay
metadata: { name: ${name} }
spec:
${spec}`;

describe('layerCatalogFiles', () => {
  it('replaces files by path, adds new ones, and names them as the user’s', () => {
    const { files, origin } = layered({
      'components/gpu-operator/values.yaml': 'driver: {enabled: false}\n',
      'overlays/new.yaml': 'x',
    });
    expect(files['components/gpu-operator/values.yaml']).toBe('driver: {enabled: false}\n');
    expect(files['overlays/new.yaml']).toBe('x');
    expect(files['overlays/base.yaml']).toBe(MINI_CATALOG_FILES['overlays/base.yaml']);
    expect(origin).toEqual({
      userLabel: 'mine',
      userPaths: ['components/gpu-operator/values.yaml', 'overlays/new.yaml'],
    });
  });

  it('merges the registry by component name', () => {
    const user = `${REGISTRY_HEAD}  - name: skyhook
    displayName: Skyhook (mirror)
    helm: { repository: oci://mirror.example.invalid/skyhook, chart: skyhook-operator }
    namespace: skyhook
  - name: extra
    displayName: extra
    helm: { repository: https://example.invalid/charts, chart: extra }
    namespace: extra
`;
    const { files, origin } = layered({ 'registry.yaml': user });
    const catalog = parseCatalog(files, origin);
    expect(Object.keys(catalog.components)).toEqual([
      'cert-manager',
      'extra',
      'gpu-operator',
      'skyhook',
      'zeta',
    ]);
    expect(catalog.components.skyhook?.helm.repository).toBe(
      'oci://mirror.example.invalid/skyhook',
    );
    expect(catalog.components['gpu-operator']?.valuesFile).toBe(
      'components/gpu-operator/values.yaml',
    );
  });

  it('refuses a ".." path', () => {
    expect(() => layered({ '../escape.yaml': 'x' })).toThrow('mine/../escape.yaml');
  });
});

describe('--data problems: the right file and line, one per root cause', () => {
  it.each([
    [
      'a malformed user registry, at its own line',
      { 'registry.yaml': `${REGISTRY_HEAD}  - name: [unclosed\n` },
      // The YAML parser finds the bracket unclosed where the input ends.
      [{ file: 'mine/registry.yaml', line: 5 }],
    ],
    [
      'a wrong type in the user registry, at the user’s line (not the merged text’s)',
      {
        'registry.yaml': `${REGISTRY_HEAD}  - name: skyhook
    displayName: Skyhook
    helm: { repository: oci://mirror.example.invalid/skyhook, chart: skyhook-operator }
    namespace: 12
`,
      },
      [
        {
          file: 'mine/registry.yaml',
          line: 7,
          message: expect.stringContaining('components[0].namespace'),
        },
      ],
    ],
    [
      'an invalid component used by several overlays, once',
      {
        'registry.yaml': `${REGISTRY_HEAD}  - name: gpu-operator
    displayName: NVIDIA GPU Operator
    helm: { repository: not-a-url, chart: gpu-operator }
    namespace: gpu-operator
`,
      },
      [{ file: 'mine/registry.yaml', line: 6 }],
    ],
    [
      'an invalid overlay that others build on, once',
      { 'overlays/eks.yaml': overlay('eks', '  base: base\n  criteria: { service: ekss }\n') },
      [{ file: 'mine/overlays/eks.yaml', line: 6 }],
    ],
    [
      'an overlay that is not YAML, once',
      { 'overlays/eks.yaml': 'spec: [unclosed\n' },
      [{ file: 'mine/overlays/eks.yaml', line: 2 }],
    ],
    [
      'a values file that is not a mapping, once',
      { 'components/gpu-operator/values-eks-training.yaml': '- a list\n' },
      [{ file: 'mine/components/gpu-operator/values-eks-training.yaml' }],
    ],
    [
      'a values file named by the user’s registry that does not exist, at the user’s registry',
      {
        'registry.yaml': `${REGISTRY_HEAD}  - name: zeta
    displayName: zeta
    helm: { repository: oci://example.invalid/charts, chart: zeta }
    namespace: zeta
    valuesFile: components/zeta/values.yaml
`,
      },
      [
        {
          file: 'mine/registry.yaml',
          message: 'zeta: valuesFile components/zeta/values.yaml does not exist',
        },
      ],
    ],
    [
      'a reference to a component that truly is missing, at the user’s overlay',
      {
        'overlays/gke.yaml': overlay(
          'gke',
          '  base: base\n  criteria: { service: gke }\n  componentRefs:\n    - { name: nope, version: "1" }\n',
        ),
      },
      [{ file: 'mine/overlays/gke.yaml', message: 'componentRefs: "nope" is not in the registry' }],
    ],
  ])('reports %s', (_name, user, expected) => {
    expect(problemsOf(user)).toEqual(
      expected.map((problem): unknown => expect.objectContaining(problem) as unknown),
    );
  });
});
