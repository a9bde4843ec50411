/**
 * deploy/agent/ applied to a real kube-apiserver (server-side dry run through kubectl's kustomize,
 * as a GitOps tool would apply it): every object is accepted, field validation strict.
 */
import { kubectl } from './cluster-objects.js';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';
import { clients, describeCluster } from './test-cluster.js';

describeCluster('deploy/agent on a real API server', { timeout: 30_000 }, () => {
  it('is accepted by kubectl apply --dry-run=server -k, with strict field validation', async () => {
    await clients()
      .core.createNamespace({ body: { metadata: { name: 'gpu-operator' } } })
      .catch(() => undefined);
    const output = kubectl(
      'apply',
      '--dry-run=server',
      '--validate=strict',
      '-k',
      `${REPO_ROOT}deploy/agent`,
    );
    expect(output.trim().split('\n').sort()).toEqual([
      'clusterrole.rbac.authorization.k8s.io/cnsctl:gpu-operator:cns-agent created (server dry run)',
      'clusterrolebinding.rbac.authorization.k8s.io/cnsctl:gpu-operator:cns-agent created (server dry run)',
      'job.batch/cns-agent created (server dry run)',
      'role.rbac.authorization.k8s.io/cns-agent created (server dry run)',
      'rolebinding.rbac.authorization.k8s.io/cns-agent created (server dry run)',
      'serviceaccount/cns-agent created (server dry run)',
    ]);
  });
});
