/** What cnsctl leaves in a test cluster, and kubectl as the harness's admin. */
import { execFileSync } from 'node:child_process';
import { clients, testKubeconfig } from './cluster-access.js';

export const kubectl = (...args: string[]): string =>
  execFileSync('kubectl', ['--kubeconfig', testKubeconfig(), '--context', 'admin', ...args], {
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });

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
