/**
 * @module The Flux deployer. Per component: a source (HelmRepository for an https chart repository,
 * OCIRepository for an oci:// chart), a HelmRelease with `dependsOn` following the recipe's
 * dependencies and its values from the bundle's values.yaml (a ConfigMap that kustomize generates),
 * and, where the component has manifests, a Flux Kustomization that applies them from the bundle's
 * Git repository once their CRDs exist. kustomization.yaml files tie it together, so `kubectl apply -k`
 * or a Flux Kustomization can take the folder.
 */
import { CnsError } from '../../shared/errors.js';
import { toYaml } from '../../shared/serialize.js';
import { GIT_REPO_PLACEHOLDER, type GitSource } from '../bundle-options.js';
import type { Deployer, DeployerOutput } from '../deployer.js';
import type { TreeEntry } from '../file-tree.js';
import type { BundleComponent, BundlePlan } from '../plan-bundle.js';

export const FLUX_NAMESPACE = 'flux-system';
export const GIT_REPOSITORY_NAME = 'cns-bundle';
const KUSTOMIZE_API = 'kustomize.config.k8s.io/v1beta1';
const HELM_CHART_LAYER = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';

export const fluxDeployer: Deployer = {
  name: 'flux',
  summary:
    'Flux sources and HelmReleases (dependsOn follows the order), tied together by kustomization.yaml files.',
  usesGitSource: true,
  render(plan: BundlePlan): DeployerOutput {
    const needsGit = plan.components.some((component) => component.manifests.length > 0);
    if (needsGit) checkRepoURL(plan.options.git);
    const files: TreeEntry[] = plan.components.flatMap((component) => componentFiles(component));
    if (needsGit)
      files.push({
        path: 'flux/gitrepository.yaml',
        content: toYaml(gitRepository(plan.options.git)),
      });
    files.push({
      path: 'kustomization.yaml',
      content: toYaml({
        apiVersion: KUSTOMIZE_API,
        kind: 'Kustomization',
        resources: [
          ...(needsGit ? ['flux/gitrepository.yaml'] : []),
          ...plan.components.map((c) => c.name),
        ],
      }),
    });
    return {
      files,
      guide: { deploy: deployGuide(plan, needsGit), undeploy: undeployGuide() },
      componentGuide: (component) => ({
        install: `\`${component.name}/kustomization.yaml\` holds its source, its HelmRelease${
          component.manifests.length > 0 ? ', the Flux Kustomization of its manifests' : ''
        } and the values ConfigMap; the bundle's top-level kustomization.yaml includes it. Alone:

\`\`\`sh
kubectl apply -k ${component.name}
flux get helmreleases -n ${FLUX_NAMESPACE} ${component.name}
\`\`\``,
        uninstall: `Deleting the HelmRelease makes Flux uninstall the chart:

\`\`\`sh
kubectl delete -k ${component.name}
\`\`\``,
      }),
    };
  },
};

function componentFiles(component: BundleComponent): TreeEntry[] {
  const dir = component.name;
  const resources = ['flux/source.yaml', 'flux/helmrelease.yaml'];
  const files: TreeEntry[] = [
    { path: `${dir}/flux/source.yaml`, content: toYaml(source(component)) },
    { path: `${dir}/flux/helmrelease.yaml`, content: toYaml(helmRelease(component)) },
  ];
  if (component.manifests.length > 0) {
    resources.push('flux/manifests.yaml');
    files.push({
      path: `${dir}/flux/manifests.yaml`,
      content: toYaml(manifestsKustomization(component)),
    });
  }
  files.push({
    path: `${dir}/kustomization.yaml`,
    content: toYaml({
      apiVersion: KUSTOMIZE_API,
      kind: 'Kustomization',
      resources,
      configMapGenerator: [
        {
          name: valuesConfigMapName(component),
          namespace: FLUX_NAMESPACE,
          files: ['values.yaml'],
          // A fixed name, so the HelmRelease's valuesFrom finds it; the label makes Flux reconcile
          // the release as soon as the values change.
          options: {
            disableNameSuffixHash: true,
            labels: { 'reconcile.fluxcd.io/watch': 'Enabled' },
          },
        },
      ],
    }),
  });
  return files;
}

export function valuesConfigMapName(component: BundleComponent): string {
  return `${component.name}-values`;
}

function isOci(component: BundleComponent): boolean {
  return component.repository.startsWith('oci://');
}

function source(component: BundleComponent): object {
  const metadata = { name: component.name, namespace: FLUX_NAMESPACE };
  if (isOci(component)) {
    return {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata,
      spec: {
        interval: '1h',
        url: `${component.repository.replace(/\/+$/, '')}/${component.chart}`,
        ref: { tag: component.version },
        layerSelector: { mediaType: HELM_CHART_LAYER, operation: 'copy' },
      },
    };
  }
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata,
    spec: { interval: '1h', url: component.repository },
  };
}

function helmRelease(component: BundleComponent): object {
  const chart = isOci(component)
    ? { chartRef: { kind: 'OCIRepository', name: component.name } }
    : {
        chart: {
          spec: {
            chart: component.chart,
            version: component.version,
            sourceRef: { kind: 'HelmRepository', name: component.name },
            interval: '1h',
          },
        },
      };
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: component.name, namespace: FLUX_NAMESPACE },
    spec: {
      interval: '10m',
      releaseName: component.name,
      targetNamespace: component.namespace,
      ...chart,
      ...(component.dependencyRefs.length > 0
        ? { dependsOn: component.dependencyRefs.map((name) => ({ name })) }
        : {}),
      install: { createNamespace: true, crds: 'CreateReplace', remediation: { retries: 3 } },
      upgrade: { crds: 'CreateReplace', remediation: { retries: 3 } },
      valuesFrom: [
        { kind: 'ConfigMap', name: valuesConfigMapName(component), valuesKey: 'values.yaml' },
      ],
    },
  };
}

function manifestsKustomization(component: BundleComponent): object {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: `${component.name}-manifests`, namespace: FLUX_NAMESPACE },
    spec: {
      interval: '10m',
      // Custom resources wait for the CRD their chart installs: the apply fails until then and is retried.
      retryInterval: '1m',
      path: `./${component.name}/manifests`,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: GIT_REPOSITORY_NAME },
      targetNamespace: component.namespace,
    },
  };
}

function gitRepository(git: GitSource): object {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: GIT_REPOSITORY_NAME, namespace: FLUX_NAMESPACE },
    spec: { interval: '5m', url: git.repoURL, ref: gitReference(git.revision) },
  };
}

/** A 40-digit hash is a commit, `refs/…` a full reference, anything else a branch. */
function gitReference(revision: string): Record<string, string> {
  if (/^[0-9a-f]{40}$/.test(revision)) return { commit: revision };
  if (revision.startsWith('refs/')) return { name: revision };
  return { branch: revision };
}

function checkRepoURL(git: GitSource): void {
  if (!git.placeholder && !/^(https?|ssh):\/\//.test(git.repoURL)) {
    throw new CnsError(
      'USAGE',
      `--repo ${git.repoURL}: Flux needs an http(s):// or ssh:// URL (e.g. ssh://git@github.com/org/repo.git)`,
      { details: { repo: git.repoURL } },
    );
  }
}

function deployGuide(plan: BundlePlan, needsGit: boolean): string {
  const { git } = plan.options;
  const gitSteps = needsGit
    ? `
2. Manifests reach the cluster through the GitRepository \`${GIT_REPOSITORY_NAME}\` in
   \`flux/gitrepository.yaml\` (revision \`${git.revision}\`). Push this folder to the root of a Git
   repository Flux can read${
     git.placeholder
       ? `, and put its URL where the file says \`${GIT_REPO_PLACEHOLDER}\` (or run \`cnsctl bundle\`
   again with \`--repo URL\`):

   \`\`\`sh
   sed -i 's|${GIT_REPO_PLACEHOLDER}|https://github.com/your-org/your-gitops-repo.git|g' flux/gitrepository.yaml
   \`\`\``
       : ` (${git.repoURL}).`
   }
`
    : '';
  return `1. Install Flux in the cluster (\`flux install\`, or \`flux bootstrap\` for a Git-managed setup).
${gitSteps}
${needsGit ? '3' : '2'}. Apply the bundle, or point a Flux Kustomization at its path in your repository:

   \`\`\`sh
   kubectl apply -k .
   flux get helmreleases -n ${FLUX_NAMESPACE}
   \`\`\`

Each HelmRelease waits for the releases it depends on (\`dependsOn\`), so the charts install in
deployment order.`;
}

function undeployGuide(): string {
  return `Deleting the HelmReleases makes Flux uninstall the charts:

\`\`\`sh
kubectl delete -k .
\`\`\``;
}
