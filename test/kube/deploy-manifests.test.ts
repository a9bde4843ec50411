/**
 * deploy/agent/ applied to a real kube-apiserver as a GitOps tool would apply it (kubectl's
 * kustomize, then a server-side dry run with strict field validation): every object is accepted.
 * Moved into a namespace of its own (the tests share the server), the objects are otherwise as built.
 */
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';
import { kubectl, kubectlWith } from './cluster-objects.js';
import { createNamespace, describeCluster } from './test-cluster.js';

describeCluster('deploy/agent on a real API server', { timeout: 30_000 }, () => {
  it('is accepted by kubectl apply --dry-run=server --validate=strict', async () => {
    const namespace = await createNamespace('gitops');
    const rendered = kubectl('kustomize', `${REPO_ROOT}deploy/agent`).replaceAll(
      'gpu-operator',
      namespace,
    );
    const output = kubectlWith(
      { input: rendered },
      'apply',
      '--dry-run=server',
      '--validate=strict',
      '-f',
      '-',
    );
    expect(output.trim().split('\n').sort()).toEqual([
      `clusterrole.rbac.authorization.k8s.io/cnsctl:${namespace}:cns-agent created (server dry run)`,
      `clusterrolebinding.rbac.authorization.k8s.io/cnsctl:${namespace}:cns-agent created (server dry run)`,
      'job.batch/cns-agent created (server dry run)',
      'role.rbac.authorization.k8s.io/cns-agent created (server dry run)',
      'rolebinding.rbac.authorization.k8s.io/cns-agent created (server dry run)',
      'serviceaccount/cns-agent created (server dry run)',
    ]);
  });
});
