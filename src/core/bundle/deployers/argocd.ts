/**
 * @module The Argo CD deployer: per component `argocd/application.yaml`, a multi-source Application
 * (the chart at its pinned version with values from this bundle's Git repository through a `$values`
 * ref, plus the component's manifests path), sync-wave = position in the deployment order, automated
 * sync with prune and self-heal, CreateNamespace and ServerSideApply; and `app-of-apps.yaml`, the parent
 * Application of the demo's Appendix C.3. Without --repo the Git URL is the demo's `<YOUR_GIT_REPO>`.
 */
import { GIT_REPO_PLACEHOLDER } from '../bundle-options.js';
import type { Deployer, DeployerOutput } from '../deployer.js';
import type { BundleComponent, BundlePlan } from '../plan-bundle.js';
import { toYaml } from '../../shared/serialize.js';

export const ARGOCD_NAMESPACE = 'argocd';
export const APP_OF_APPS_NAME = 'cns-bundle';
const IN_CLUSTER = 'https://kubernetes.default.svc';
const FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export const argocdDeployer: Deployer = {
  name: 'argocd',
  summary: 'Argo CD Applications, one per component, and an app-of-apps that syncs them in waves.',
  usesGitSource: true,
  render(plan: BundlePlan): DeployerOutput {
    return {
      files: [
        ...plan.components.map((component) => ({
          path: `${component.name}/argocd/application.yaml`,
          content: toYaml(application(plan, component)),
        })),
        { path: 'app-of-apps.yaml', content: toYaml(appOfApps(plan)) },
      ],
      guide: { deploy: deployGuide(plan), undeploy: undeployGuide() },
      componentGuide: (component) => ({
        install: `Argo CD syncs it from \`${component.name}/argocd/application.yaml\` as wave ${component.position} of the
app-of-apps. To apply it alone (after pushing the bundle to Git):

\`\`\`sh
kubectl apply -n ${ARGOCD_NAMESPACE} -f ${component.name}/argocd/application.yaml
argocd app get ${component.name}
\`\`\``,
        uninstall: `Deleting the Application removes what it deployed (it carries Argo CD's resources finalizer):

\`\`\`sh
kubectl delete -n ${ARGOCD_NAMESPACE} application ${component.name}
\`\`\``,
      }),
    };
  },
};

function application(plan: BundlePlan, component: BundleComponent): object {
  const { repoURL, revision } = plan.options.git;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: component.name,
      namespace: ARGOCD_NAMESPACE,
      annotations: { 'argocd.argoproj.io/sync-wave': String(component.position) },
      finalizers: [FINALIZER],
    },
    spec: {
      project: 'default',
      sources: [
        {
          ...chartSource(component),
          helm: {
            releaseName: component.name,
            valueFiles: [`$values/${component.name}/values.yaml`],
          },
        },
        { repoURL, targetRevision: revision, ref: 'values' },
        ...(component.manifests.length > 0
          ? [{ repoURL, targetRevision: revision, path: `${component.name}/manifests` }]
          : []),
      ],
      destination: { server: IN_CLUSTER, namespace: component.namespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
      },
    },
  };
}

/**
 * A Helm repository: repoURL + chart. An OCI chart: Argo CD's native OCI source (3.1 and later),
 * the chart's own reference as repoURL and path `.`, which needs no repository registration.
 */
function chartSource(component: BundleComponent): Record<string, string> {
  if (component.repository.startsWith('oci://')) {
    return {
      repoURL: `${component.repository.replace(/\/+$/, '')}/${component.chart}`,
      targetRevision: component.version,
      path: '.',
    };
  }
  return {
    repoURL: component.repository,
    targetRevision: component.version,
    chart: component.chart,
  };
}

function appOfApps(plan: BundlePlan): object {
  const { repoURL, revision } = plan.options.git;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: APP_OF_APPS_NAME, namespace: ARGOCD_NAMESPACE, finalizers: [FINALIZER] },
    spec: {
      project: 'default',
      sources: plan.components.map((component) => ({
        repoURL,
        targetRevision: revision,
        path: `${component.name}/argocd`,
      })),
      destination: { server: IN_CLUSTER, namespace: ARGOCD_NAMESPACE },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true'],
      },
    },
  };
}

function deployGuide(plan: BundlePlan): string {
  const { git } = plan.options;
  const fill = git.placeholder
    ? `2. Put the repository's URL where the files say \`${GIT_REPO_PLACEHOLDER}\` (or run \`cnsctl bundle\` again
   with \`--repo URL\`):

   \`\`\`sh
   sed -i 's|${GIT_REPO_PLACEHOLDER}|https://github.com/your-org/your-gitops-repo.git|g' \\
       app-of-apps.yaml */argocd/application.yaml
   \`\`\`
`
    : `2. The files already point at ${git.repoURL} (revision \`${git.revision}\`).
`;
  return `Argo CD reads this bundle from Git: the Applications take their values files and manifests from
the repository, at revision \`${git.revision}\` (\`--revision\`).

1. Push this folder to the root of a Git repository Argo CD can read:

   \`\`\`sh
   git init && git add . && git commit -m "Add CNS bundle"
   git remote add origin https://github.com/your-org/your-gitops-repo.git
   git push -u origin ${git.revision}
   \`\`\`

${fill}
3. Apply the app-of-apps; it creates one Application per component, in sync waves that follow the
   deployment order (what others need comes first):

   \`\`\`sh
   kubectl apply -n ${ARGOCD_NAMESPACE} -f app-of-apps.yaml
   argocd app list
   argocd app sync ${APP_OF_APPS_NAME}
   \`\`\`

Argo CD applies one wave after the other; to make each wave also wait until the previous
Applications are healthy, enable the Application health check (\`resource.customizations.health.argoproj.io_Application\`
in \`argocd-cm\`, as the Argo CD documentation on app-of-apps describes).`;
}

function undeployGuide(): string {
  return `Deleting the app-of-apps deletes the component Applications, and their resources finalizer removes
what each deployed:

\`\`\`sh
kubectl delete -n ${ARGOCD_NAMESPACE} application ${APP_OF_APPS_NAME}
\`\`\``;
}
