/**
 * Every Kubernetes object in every bundle validates against its real schema with unknown fields
 * rejected: Applications, Flux sources, HelmReleases and Kustomizations against their CRDs, manifests
 * against the Kubernetes OpenAPI documents or their CRDs. Bundles are rendered for every deployer from
 * recipes that together hold every component the data can produce; a bundle with the Git placeholder is
 * checked after the substitution its README tells the user to make.
 */
import { describe, expect, it } from 'vitest';
import { type FileTree } from '../../src/core/bundle/file-tree.js';
import { GIT_REPO_PLACEHOLDER } from '../../src/core/bundle/bundle-options.js';
import {
  bundleOf,
  DEMO_BUNDLE_FLAGS,
  DEPLOYER_NAMES,
  demoBundle,
  recipesCoveringEveryComponent,
  text,
} from './bundle-fixtures.js';
import { HAVE_SCHEMA_ORACLES, loadSchemaOracle, objectsIn, ORACLES } from './schema-oracle.js';

/** YAML files that are not Kubernetes objects: Helm values and chart files, kustomize configuration, the recipe. */
function isObjectFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (
    path.endsWith('.yaml') &&
    !['values.yaml', 'recipe.yaml', 'kustomization.yaml', 'Chart.yaml'].includes(name) &&
    !path.startsWith('templates/')
  );
}

function objectsOf(tree: FileTree): { path: string; object: unknown }[] {
  return [...tree.keys()]
    .filter(isObjectFile)
    .flatMap((path) => objectsIn(text(tree, path)).map((object) => ({ path, object })));
}

/** The README's own sed command, applied as a user would. */
function fillPlaceholder(tree: FileTree): FileTree {
  const readme = text(tree, 'README.md');
  const sed = new RegExp(`sed -i 's\\|${GIT_REPO_PLACEHOLDER}\\|([^|]+)\\|g'`).exec(readme);
  if (!sed) return tree;
  const url = sed[1] as string;
  return new Map(
    [...tree].map(([path, file]) => [
      path,
      {
        ...file,
        content:
          typeof file.content === 'string'
            ? file.content.split(GIT_REPO_PLACEHOLDER).join(url)
            : file.content,
      },
    ]),
  );
}

describe.skipIf(!HAVE_SCHEMA_ORACLES)(`bundle objects against ${ORACLES}`, () => {
  const oracle = HAVE_SCHEMA_ORACLES ? loadSchemaOracle() : undefined;
  const check = (tree: FileTree) =>
    objectsOf(tree).flatMap(({ path, object }) =>
      (oracle?.problems(object) ?? []).map((problem) => `${path}: ${problem}`),
    );

  it.each(DEPLOYER_NAMES)(
    'every object of every %s bundle validates, unknown fields rejected',
    async (deployer) => {
      const recipes = await recipesCoveringEveryComponent();
      expect(recipes.length).toBeGreaterThan(1);
      const problems: string[] = [];
      let objects = 0;
      for (const recipe of recipes) {
        for (const flags of [
          {},
          { repo: 'https://github.com/example/gitops.git', revision: 'release-1' },
        ]) {
          if (deployer !== 'argocd' && deployer !== 'flux' && 'repo' in flags) continue;
          const { tree } = await bundleOf(recipe, { ...DEMO_BUNDLE_FLAGS, deployer, ...flags });
          const filled = fillPlaceholder(tree);
          objects += objectsOf(filled).length;
          problems.push(...check(filled));
        }
      }
      expect(problems).toEqual([]);
      expect(objects).toBeGreaterThan(recipes.length);
    },
  );

  it.each([
    ['argocd', 'gpu-operator/argocd/application.yaml', 'spec.syncPolicy.automated', 'prun', true],
    ['argocd', 'app-of-apps.yaml', 'spec', 'sourcs', []],
    ['flux', 'gpu-operator/flux/helmrelease.yaml', 'spec', 'valuesFrm', []],
    ['flux', 'gpu-operator/flux/source.yaml', 'metadata', 'namespce', 'flux-system'],
    ['script', 'gpu-operator/manifests/kernel-module-params.yaml', '', 'dat', {}],
  ] as const)('rejects a typo: %s %s %s.%s', async (deployer, path, at, key, value) => {
    const { tree } = await demoBundle(deployer, {
      repo: deployer === 'script' ? undefined : 'https://example.com/x.git',
    });
    const [object] = objectsIn(text(tree, path)) as Record<string, Record<string, unknown>>[];
    let target: Record<string, unknown> = object as Record<string, unknown>;
    for (const part of at.split('.').filter(Boolean))
      target = target[part] as Record<string, unknown>;
    expect(oracle?.problems(object)).toEqual([]);
    target[key] = value;
    expect(oracle?.problems(object).join('\n')).toContain(key);
  });

  it('knows the kinds the deployers write', () => {
    expect(oracle?.kinds).toEqual(
      expect.arrayContaining([
        'argoproj.io/v1alpha1 Application',
        'helm.toolkit.fluxcd.io/v2 HelmRelease',
        'source.toolkit.fluxcd.io/v1 HelmRepository',
        'source.toolkit.fluxcd.io/v1 OCIRepository',
        'source.toolkit.fluxcd.io/v1 GitRepository',
        'kustomize.toolkit.fluxcd.io/v1 Kustomization',
        'v1 ConfigMap',
      ]),
    );
  });
});

it.skipIf(HAVE_SCHEMA_ORACLES)(`schema checks skipped: no oracles at ${ORACLES}`, () => {
  expect(HAVE_SCHEMA_ORACLES).toBe(false);
});
