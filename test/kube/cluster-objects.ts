/** What cnsctl leaves in a test cluster, and kubectl as the harness's admin. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { clients, testKubeconfig } from './cluster-access.js';

/** kubectl of the server's release, beside the kubeconfig (scripts/k8s-test-apiserver.sh), else the PATH's. */
export function kubectlPath(): string {
  const local = join(dirname(testKubeconfig()), 'kubectl');
  return existsSync(local) ? local : 'kubectl';
}

/** Runs kubectl as the admin; `input` goes to its standard input. */
export const kubectl = (...args: string[]): string => kubectlWith({}, ...args);

export function kubectlWith(options: { input?: string }, ...args: string[]): string {
  return execFileSync(
    kubectlPath(),
    ['--kubeconfig', testKubeconfig(), '--context', 'admin', ...args],
    {
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.input === undefined ? {} : { input: options.input }),
    },
  );
}

/** What cnsctl left in `namespace` (and cluster-wide for it): `kind/name`, sorted; pods of any origin. */
export async function leftInCluster(namespace: string): Promise<string[]> {
  const api = clients();
  const selector = 'app.kubernetes.io/managed-by=cnsctl';
  const [jobs, pods, accounts, roles, bindings, clusterRoles, clusterBindings] = await Promise.all([
    api.batch.listNamespacedJob({ namespace }),
    api.core.listNamespacedPod({ namespace }),
    api.core.listNamespacedServiceAccount({ namespace, labelSelector: selector }),
    api.rbac.listNamespacedRole({ namespace, labelSelector: selector }),
    api.rbac.listNamespacedRoleBinding({ namespace, labelSelector: selector }),
    api.rbac.listClusterRole({ labelSelector: selector }),
    api.rbac.listClusterRoleBinding({ labelSelector: selector }),
  ]);
  const named = (kind: string, items: { metadata?: { name?: string } }[]) =>
    items.map((item) => `${kind}/${item.metadata?.name ?? ''}`);
  return [
    ...named('job', jobs.items),
    ...named('pod', pods.items),
    ...named('serviceaccount', accounts.items),
    ...named('role', roles.items),
    ...named('rolebinding', bindings.items),
    ...named('clusterrole', clusterRoles.items).filter((n) => n.includes(`:${namespace}:`)),
    ...named('clusterrolebinding', clusterBindings.items).filter((n) =>
      n.includes(`:${namespace}:`),
    ),
  ].sort();
}
