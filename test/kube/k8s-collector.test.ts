/**
 * The K8s collector through the official client against a real kube-apiserver: the server version,
 * the node, the images of the pods on it, and the gpu-operator ClusterPolicy under the real CRD (from
 * ../shared/oracles/crds), its spec built from our own gpu-operator values. Without the CRD the
 * policy part is unavailable, not an error; refusals by RBAC name what was refused.
 */
import type * as k8s from '@kubernetes/client-node';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cnsctl, DEMO_CRITERIA_FLAGS } from '../cli/run-cli-in-process.js';
import { mergeValues, type Values } from '../../src/core/recipe/merge-values.js';
import { ORACLES } from '../data/data-under-test.js';
import { kubectl } from './cluster-objects.js';
import { startHarness, type Harness } from './harness/harness.js';
import {
  clients,
  createNamespace,
  describeCluster,
  KUBECONFIG,
  uniqueName,
} from './test-cluster.js';

const CRD_FILE = `${ORACLES}/crds/nvidia.com_clusterpolicies.yaml`;
const POLICY = { group: 'nvidia.com', version: 'v1', plural: 'clusterpolicies' };

interface Snapshot {
  collectors: { name: string; status: string; reason?: string }[];
  measurements: { type: string; subtypes: { subtype: string; data: Record<string, unknown> }[] }[];
}

describeCluster('the K8s collector', { timeout: 60_000 }, () => {
  let harness: Harness;
  let node: string;
  let namespace: string;
  const api = clients();

  beforeAll(async () => {
    node = uniqueName('node');
    namespace = await createNamespace('collector');
    harness = await startHarness({ namespace, nodes: [{ name: node, host: 'ubuntu-gpu-node' }] });
    const pod = (name: string, image: string, nodeName: string): k8s.V1Pod => ({
      metadata: { name, namespace },
      spec: { nodeName, containers: [{ name: 'main', image }] },
    });
    // Pods bound to the node at creation (as a DaemonSet's are), and one on another node.
    await Promise.all([
      api.core.createNamespacedPod({
        namespace,
        body: pod('operator', 'nvcr.io/nvidia/gpu-operator:v25.10.1', node),
      }),
      api.core.createNamespacedPod({
        namespace,
        body: pod('exporter', 'nvcr.io/nvidia/k8s/dcgm-exporter:4.4.1-4.6.0-ubuntu22.04', node),
      }),
      api.core.createNamespacedPod({
        namespace,
        body: pod('elsewhere', 'docker.io/library/busybox:1.37', `${node}-other`),
      }),
    ]);
  });
  afterAll(async () => {
    await harness.stop();
    await api.custom
      .deleteClusterCustomObject({ ...POLICY, name: 'cluster-policy' })
      .catch(() => undefined);
    await api.apiextensions
      .deleteCustomResourceDefinition({ name: 'clusterpolicies.nvidia.com' })
      .catch(() => undefined);
  });

  const collect = async (context = 'cli'): Promise<Snapshot> => {
    const run = await cnsctl([
      'snapshot',
      '--collectors',
      'k8s',
      '--kubeconfig',
      KUBECONFIG,
      '--context',
      context,
      '--node-name',
      node,
      '-t',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Snapshot;
  };
  const data = (snapshot: Snapshot, subtype: string) =>
    snapshot.measurements.find((m) => m.type === 'K8s')?.subtypes.find((s) => s.subtype === subtype)
      ?.data;
  const status = (snapshot: Snapshot, name: string) =>
    snapshot.collectors.find((c) => c.name === name);

  it('records a cluster without the ClusterPolicy CRD as an unavailable policy, and everything else', async () => {
    const snapshot = await collect();
    expect(status(snapshot, 'k8s')?.status).toBe('ok');
    expect(status(snapshot, 'k8s.policy')).toEqual({
      name: 'k8s.policy',
      status: 'unavailable',
      reason:
        'the ClusterPolicy CRD (clusterpolicies.nvidia.com) is not installed: no gpu-operator in the cluster',
    });
    expect(data(snapshot, 'server')?.version).toBe('v1.34.2');
    expect(data(snapshot, 'node')).toMatchObject({
      name: node,
      provider: 'kind',
      'container-runtime-name': 'containerd',
      'kubelet-version': 'v1.34.2',
      'gpu-capacity': 8,
    });
    expect(data(snapshot, 'image')).toEqual({
      'nvcr.io/nvidia/gpu-operator': 'v25.10.1',
      'nvcr.io/nvidia/k8s/dcgm-exporter': '4.4.1-4.6.0-ubuntu22.04',
    });
  });

  it.skipIf(!existsSync(CRD_FILE))(
    'records the ClusterPolicy built from our gpu-operator values under the real CRD, with its state',
    async () => {
      const crd = parse(readFileSync(CRD_FILE, 'utf8')) as k8s.V1CustomResourceDefinition;
      // kubectl, as a user installs it (the typed client's model would drop x-kubernetes-* fields).
      kubectl('create', '-f', CRD_FILE);
      await expect
        .poll(
          async () => {
            const stored = await api.apiextensions.readCustomResourceDefinition({
              name: crd.metadata?.name ?? '',
            });
            return stored.status?.conditions?.find((c) => c.type === 'Established')?.status;
          },
          { timeout: 20_000 },
        )
        .toBe('True');
      const values = JSON.parse(
        (
          await cnsctl([
            'query',
            ...DEMO_CRITERIA_FLAGS,
            '--selector',
            'components.gpu-operator.values',
            '-t',
            'json',
          ])
        ).stdout,
      ) as Record<string, unknown>;
      // As Helm renders it: the chart's defaults with our values over them; the chart's template
      // copies these sections of the values into the ClusterPolicy's spec.
      const chartDefaults = parse(
        readFileSync(`${ORACLES}/charts/gpu-operator/values.yaml`, 'utf8'),
      ) as Values;
      const rendered = mergeValues(chartDefaults, values);
      const specFields = Object.keys(
        crd.spec.versions[0]?.schema?.openAPIV3Schema?.properties?.spec?.properties ?? {},
      );
      const spec = Object.fromEntries(
        Object.entries(rendered).filter(([key]) => specFields.includes(key)),
      );
      expect(Object.keys(spec)).toEqual(
        expect.arrayContaining(['driver', 'toolkit', 'devicePlugin', 'cdi']),
      );
      const body = {
        apiVersion: 'nvidia.com/v1',
        kind: 'ClusterPolicy',
        metadata: { name: 'cluster-policy' },
        spec,
      };
      // An established CRD can take a moment to be served: a 404 then means "not yet".
      await expect
        .poll(
          () =>
            api.custom.createClusterCustomObject({ ...POLICY, body }).then(
              () => 'created',
              (error: { code?: number; body?: string }) =>
                error.code === 404 ? 'not served yet' : `${error.code}: ${error.body}`,
            ),
          { timeout: 20_000 },
        )
        .toBe('created');
      // The operator reports how far it got in status.state.
      await api.custom.patchClusterCustomObjectStatus(
        { ...POLICY, name: 'cluster-policy', body: { status: { state: 'ready' } } },
        (await import('@kubernetes/client-node')).setHeaderOptions(
          'Content-Type',
          'application/merge-patch+json',
        ),
      );

      const snapshot = await collect();
      expect(status(snapshot, 'k8s.policy')).toBeUndefined();
      const policy = data(snapshot, 'policy');
      const driver = values.driver as { version: string };
      expect(policy).toMatchObject({
        'driver.version': driver.version,
        'driver.enabled': true,
        'cdi.enabled': true,
        'status.state': 'ready',
      });
    },
  );

  it('names what RBAC refused, part by part, and keeps what was allowed', async () => {
    const snapshot = await collect('limited');
    expect(status(snapshot, 'k8s')?.status).toBe('ok');
    expect(data(snapshot, 'server')?.version).toBe('v1.34.2');
    expect(status(snapshot, 'k8s.node')?.reason).toMatch(
      /not allowed to get nodes ".*" \(403 Forbidden: nodes ".*" is forbidden: User "limited" cannot get resource "nodes"/,
    );
    expect(status(snapshot, 'k8s.image')?.reason).toMatch(
      /not allowed to list pods on node .* \(403 Forbidden: .*User "limited" cannot list resource "pods"/,
    );
    expect(status(snapshot, 'k8s.policy')?.reason).toMatch(
      /not allowed to list clusterpolicies.nvidia.com|not installed/,
    );
  });
});
