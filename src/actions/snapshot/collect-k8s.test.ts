import { describe, expect, it } from 'vitest';
import { CnsError } from '../../core/shared/errors.js';
import type {
  KubeClusterPolicy,
  KubeNode,
  KubePod,
  KubeVersionInfo,
} from '../../core/snapshot/kube-objects.js';
import {
  fixtureHost,
  noCluster,
  readKubeFixture,
  realTime,
} from '../../../test/snapshot/fixture-host.js';
import type { KubeSnapshotSource, OpenKubeSnapshotSource } from '../ports.js';
import { k8sCollector } from './collect-k8s.js';
import { runCollectors } from './run-collectors.js';

const kube = readKubeFixture;

/** An in-memory cluster holding the EKS H100 objects, answering as the API server would. */
function eksCluster(overrides: Partial<KubeSnapshotSource> = {}): KubeSnapshotSource {
  const node = kube<KubeNode>('node');
  return {
    serverVersion: () => Promise.resolve(kube<KubeVersionInfo>('version')),
    readNode: (name) =>
      name === node.metadata?.name
        ? Promise.resolve(node)
        : Promise.reject(new CnsError('NOT_FOUND', `nodes "${name}" not found`)),
    // The recorded pods are those of the recorded node.
    listPodsOnNode: () => Promise.resolve(kube<{ items: KubePod[] }>('pods').items),
    listClusterPolicies: () =>
      Promise.resolve(kube<{ items: KubeClusterPolicy[] }>('clusterpolicies').items),
    ...overrides,
  };
}

async function k8sRun(openKube: OpenKubeSnapshotSource, nodeName?: string) {
  const { files, commands } = fixtureHost('ubuntu-gpu-node');
  const collector = k8sCollector(nodeName === undefined ? {} : { nodeName });
  const [run] = await runCollectors(
    [collector],
    { files, commands, openKube, ...realTime },
    { timeoutMs: 5000 },
  );
  return run!;
}

const open =
  (source: KubeSnapshotSource): OpenKubeSnapshotSource =>
  () =>
    Promise.resolve(source);

describe('the K8s collector', () => {
  it('records server, node, images and policy of a reachable cluster', async () => {
    const run = await k8sRun(open(eksCluster()), 'ip-10-0-182-128.ec2.internal');
    expect(run.status).toBe('ok');
    expect(run.subtypes.map((s) => s.subtype)).toEqual(['server', 'node', 'image', 'policy']);
    expect(run.subtypes[0]?.data).toMatchObject({ version: 'v1.34.1-eks-3025e55' });
    expect(run.subtypes[1]?.data).toMatchObject({
      provider: 'eks',
      'container-runtime': 'containerd://1.7.27',
    });
    expect(run.missing).toEqual([]);
  });

  it('records a node that is not in the cluster as a missing part that names it', async () => {
    const run = await k8sRun(open(eksCluster()), 'vm');
    expect(run.missing).toEqual([
      {
        part: 'node',
        reason: "node vm is not in the cluster (set --node-name to the node's name)",
      },
    ]);
  });

  it('records a refused read (RBAC) as a missing part and keeps the rest', async () => {
    const forbidden = new CnsError(
      'FORBIDDEN',
      'clusterpolicies.nvidia.com is forbidden: User "system:serviceaccount:cns:agent" cannot list resource',
    );
    const run = await k8sRun(
      open(eksCluster({ listClusterPolicies: () => Promise.reject(forbidden) })),
      'ip-10-0-182-128.ec2.internal',
    );
    expect(run.status).toBe('ok');
    expect(run.missing).toEqual([{ part: 'policy', reason: forbidden.message }]);
  });

  it('records a cluster without the ClusterPolicy CRD as an unavailable policy, not an error', async () => {
    const noCrd = new CnsError(
      'UNAVAILABLE',
      'the ClusterPolicy CRD (clusterpolicies.nvidia.com) is not installed: no gpu-operator in the cluster',
    );
    const run = await k8sRun(
      open(eksCluster({ listClusterPolicies: () => Promise.reject(noCrd) })),
      'ip-10-0-182-128.ec2.internal',
    );
    expect(run.status).toBe('ok');
    expect(run.missing).toEqual([{ part: 'policy', reason: noCrd.message }]);
  });

  it('records no images when the node is unknown, since images are those of the node', async () => {
    const run = await k8sRun(open(eksCluster()));
    expect(run.subtypes.map((s) => s.subtype)).toEqual(['server', 'policy']);
    expect(run.missing.map((m) => m.part)).toEqual(['node', 'image']);
  });

  it('records a cluster without the gpu-operator as a missing policy', async () => {
    const run = await k8sRun(
      open(eksCluster({ listClusterPolicies: () => Promise.resolve([]) })),
      'ip-10-0-182-128.ec2.internal',
    );
    expect(run.missing).toEqual([
      { part: 'policy', reason: 'no gpu-operator ClusterPolicy in the cluster' },
    ]);
  });

  it('fails when the API server cannot be reached', async () => {
    const unreachable = new CnsError('CLUSTER_UNREACHABLE', 'connect ECONNREFUSED 127.0.0.1:6443');
    const run = await k8sRun(
      open(eksCluster({ serverVersion: () => Promise.reject(unreachable) })),
      'x',
    );
    expect(run).toMatchObject({ status: 'failed', reason: 'connect ECONNREFUSED 127.0.0.1:6443' });
  });

  it('is unavailable without a cluster configuration', async () => {
    const run = await k8sRun(noCluster, 'x');
    expect(run).toMatchObject({
      status: 'unavailable',
      reason: 'no kubeconfig or in-cluster configuration found',
    });
  });
});
