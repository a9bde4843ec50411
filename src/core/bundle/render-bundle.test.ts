import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { makeBundle } from '../../actions/bundle/make-bundle.js';
import { toBundleOptions, type BundleFlags } from '../../actions/bundle/to-bundle-options.js';
import { buildRecipe } from '../recipe/build-recipe.js';
import { parseCriteria } from '../recipe/criteria.js';
import { parseCatalog } from '../recipe/parse-catalog.js';
import { toYaml } from '../shared/serialize.js';
import { getValueAtPath } from '../recipe/merge-values.js';
import { CHECKSUMS_FILE, parseChecksums, sha256Hex } from './checksums.js';
import { fileBytes, type FileTree } from './file-tree.js';
import type { BundleComponent } from './plan-bundle.js';
import { renderValuesFile } from './render-bundle.js';

const catalog = parseCatalog(MINI_CATALOG_FILES);
const recipe = buildRecipe(catalog, {
  criteria: parseCriteria({
    service: 'eks',
    accelerator: 'h100',
    os: 'ubuntu',
    intent: 'training',
  }),
  generatedAt: new Date(0),
  toolVersion: 'test',
});

async function bundle(flags: BundleFlags = {}) {
  return makeBundle({ recipe, options: toBundleOptions(flags, '1.2.3') }, { catalog });
}

const text = (tree: FileTree, path: string) => {
  const file = tree.get(path);
  if (!file) throw new Error(`no ${path} in ${[...tree.keys()].join(', ')}`);
  return new TextDecoder().decode(fileBytes(file));
};
const yamlOf = (tree: FileTree, path: string) => parse(text(tree, path)) as Record<string, unknown>;
const at = (value: unknown, path: string) => getValueAtPath(value, path.split('.'));

describe('renderBundle', () => {
  it('gives every component folder its own checksums and the top level checksums of every other file', async () => {
    const { tree, plan } = await bundle();
    const top = parseChecksums(text(tree, CHECKSUMS_FILE), 'top');
    expect([...top.keys()].sort()).toEqual(
      [...tree.keys()].filter((p) => p !== CHECKSUMS_FILE).sort(),
    );
    for (const [path, digest] of top)
      expect(sha256Hex(fileBytes(tree.get(path) as never))).toBe(digest);
    for (const component of plan.components) {
      const own = parseChecksums(text(tree, `${component.name}/${CHECKSUMS_FILE}`), component.name);
      const files = [...tree.keys()].filter(
        (p) => p.startsWith(`${component.name}/`) && p !== `${component.name}/${CHECKSUMS_FILE}`,
      );
      expect([...own.keys()].map((p) => `${component.name}/${p}`).sort()).toEqual(files.sort());
    }
  });

  it('writes the recipe, each component README, values and scripts', async () => {
    const { tree, plan } = await bundle();
    expect(text(tree, 'recipe.yaml')).toBe(toYaml(recipe));
    for (const component of plan.components) {
      expect(tree.get(`${component.name}/scripts/install.sh`)?.mode).toBe(0o755);
      expect(text(tree, `${component.name}/README.md`)).toContain(
        `| version | ${component.version} |`,
      );
      expect(parse(text(tree, `${component.name}/values.yaml`))).toEqual(component.values);
    }
    expect(text(tree, 'README.md')).toContain('## Verify');
  });

  it('writes values that a YAML 1.1 reader (Helm) reads back unchanged (property)', () => {
    const tricky = fc.constantFrom(
      'on',
      'off',
      'y',
      'n',
      'yes',
      'No',
      '0755',
      '0x1F',
      '1e3',
      '12:30',
      '1_000',
      '.inf',
      '~',
      'null',
      '1.30',
      '',
      ' lead',
      'a: b',
      '#x',
      '- x',
    );
    const key = fc.oneof(
      tricky.filter((k) => k !== ''),
      fc.string({ minLength: 1, maxLength: 8 }),
    );
    const scalar = fc.oneof(tricky, fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const values = fc.dictionary(
      key,
      fc.oneof(
        scalar,
        fc.array(scalar, { maxLength: 3 }),
        fc.dictionary(key, scalar, { maxKeys: 3 }),
      ),
      { maxKeys: 6 },
    );
    const component = { displayName: 'X', chart: 'x', version: '1' } as BundleComponent;
    fc.assert(
      fc.property(values, (v) => {
        const written = renderValuesFile({ ...component, values: v }, 't');
        expect(parse(written, { version: '1.1' }) ?? {}).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the script deployer', () => {
  it('installs in deployment order and removes in reverse', async () => {
    const { tree, plan } = await bundle();
    const names = plan.components.map((c) => c.name);
    expect(text(tree, 'deploy.sh')).toContain(`readonly COMPONENTS=(${names.join(' ')})`);
    expect(text(tree, 'undeploy.sh')).toContain(
      `readonly COMPONENTS=(${[...names].reverse().join(' ')})`,
    );
    expect(tree.get('deploy.sh')?.mode).toBe(0o755);
  });

  it('installs an OCI chart by its reference and a repository chart with --repo', async () => {
    const { tree } = await bundle();
    expect(text(tree, 'zeta/scripts/install.sh')).toContain(
      '"${RELEASE}" oci://example.invalid/charts/zeta --version',
    );
    expect(text(tree, 'gpu-operator/scripts/install.sh')).toContain(
      'gpu-operator --repo https://helm.ngc.nvidia.com/nvidia --version',
    );
  });

  it('refuses --repo and --revision, which it has no use for', async () => {
    await expect(bundle({ repo: 'https://example.com/r.git' })).rejects.toThrow(
      /do not apply to the script deployer/,
    );
    await expect(bundle({ deployer: 'helm', revision: 'v1' })).rejects.toThrow(
      /do not apply to the helm deployer/,
    );
  });
});

describe('the argocd deployer', () => {
  it('fills the Git source from --repo and --revision, and syncs in waves of the order', async () => {
    const { tree, plan } = await bundle({
      deployer: 'argocd',
      repo: 'https://git.example/gitops.git',
      revision: 'prod',
    });
    for (const component of plan.components) {
      const app = yamlOf(tree, `${component.name}/argocd/application.yaml`);
      expect(getValueAtPath(app, ['metadata', 'annotations', 'argocd.argoproj.io/sync-wave'])).toBe(
        String(component.position),
      );
      expect((at(app, 'spec.sources') as unknown[]).slice(1)).toEqual([
        { repoURL: 'https://git.example/gitops.git', targetRevision: 'prod', ref: 'values' },
        ...(component.manifests.length > 0
          ? [
              {
                repoURL: 'https://git.example/gitops.git',
                targetRevision: 'prod',
                path: `${component.name}/manifests`,
              },
            ]
          : []),
      ]);
    }
    expect(text(tree, 'README.md')).not.toContain('<YOUR_GIT_REPO>');
  });

  it('points an OCI chart at its reference (Argo CD native OCI source)', async () => {
    const { tree } = await bundle({ deployer: 'argocd' });
    expect(
      (at(yamlOf(tree, 'zeta/argocd/application.yaml'), 'spec.sources') as unknown[])[0],
    ).toEqual({
      repoURL: 'oci://example.invalid/charts/zeta',
      targetRevision: '1.0',
      path: '.',
      helm: { releaseName: 'zeta', valueFiles: ['$values/zeta/values.yaml'] },
    });
  });
});

describe('the flux deployer', () => {
  it('writes a HelmRepository or an OCIRepository per component and HelmReleases that follow the dependencies', async () => {
    const { tree, plan } = await bundle({
      deployer: 'flux',
      repo: 'ssh://git@git.example/gitops.git',
    });
    for (const component of plan.components) {
      const source = yamlOf(tree, `${component.name}/flux/source.yaml`);
      const release = yamlOf(tree, `${component.name}/flux/helmrelease.yaml`);
      expect(source.kind).toBe(
        component.repository.startsWith('oci://') ? 'OCIRepository' : 'HelmRepository',
      );
      expect(at(release, 'spec.dependsOn') ?? []).toEqual(
        component.dependencyRefs.map((name) => ({ name })),
      );
      expect(at(release, 'spec.targetNamespace')).toBe(component.namespace);
    }
    expect(at(yamlOf(tree, 'zeta/flux/helmrelease.yaml'), 'spec.chartRef')).toEqual({
      kind: 'OCIRepository',
      name: 'zeta',
    });
    expect(yamlOf(tree, 'flux/gitrepository.yaml').spec).toEqual({
      interval: '5m',
      url: 'ssh://git@git.example/gitops.git',
      ref: { branch: 'main' },
    });
    expect(yamlOf(tree, 'kustomization.yaml').resources).toEqual([
      'flux/gitrepository.yaml',
      ...plan.components.map((c) => c.name),
    ]);
  });

  it.each([
    [
      '0123456789abcdef0123456789abcdef01234567',
      { commit: '0123456789abcdef0123456789abcdef01234567' },
    ],
    ['refs/tags/v1', { name: 'refs/tags/v1' }],
    ['release-1', { branch: 'release-1' }],
  ])('follows --revision %s as %j', async (revision, ref) => {
    const { tree } = await bundle({ deployer: 'flux', revision });
    expect(at(yamlOf(tree, 'flux/gitrepository.yaml'), 'spec.ref')).toEqual(ref);
  });

  it('asks for a URL Flux can clone when --repo is scp-style', async () => {
    await expect(bundle({ deployer: 'flux', repo: 'git@github.com:org/repo.git' })).rejects.toThrow(
      /ssh:\/\/git@github.com/,
    );
  });
});

describe('the helm deployer', () => {
  it('lists the charts as dependencies in order, aliased to the component name, each with a condition', async () => {
    const { tree, plan } = await bundle({ deployer: 'helm' });
    const chart = yamlOf(tree, 'Chart.yaml');
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'cns-bundle', version: '1.2.3' });
    expect(chart.dependencies).toEqual(
      plan.components.map((c) => ({
        name: c.chart,
        ...(c.chart === c.name ? {} : { alias: c.name }),
        version: c.version,
        repository: c.repository,
        condition: `${c.name}.enabled`,
      })),
    );
    expect(chart.dependencies).toContainEqual(
      expect.objectContaining({ name: 'skyhook-operator', alias: 'skyhook' }),
    );
    const values = yamlOf(tree, 'values.yaml');
    for (const component of plan.components)
      expect(values[component.name]).toEqual({ enabled: true, ...component.values });
  });

  it('wraps each manifest in its component condition and keeps the per-component folders out of the chart', async () => {
    const { tree } = await bundle({ deployer: 'helm' });
    const template = text(tree, 'templates/gpu-operator-dcgm-exporter.yaml');
    expect(template.split('\n')[0]).toBe('{{- if (index .Values "gpu-operator" "enabled") }}');
    expect(
      parseAllDocuments(template.split('\n').slice(1, -2).join('\n'))[0]?.toJS(),
    ).toMatchObject({ kind: 'ConfigMap' });
    expect(text(tree, '.helmignore')).toContain('\n/gpu-operator/\n');
  });
});
