/**
 * @module Kubernetes objects → the subtypes of the `K8s` measurement: `server` (version, platform,
 * goVersion), `node` (the node this snapshot describes: provider, kernel, OS image, runtime, kubelet),
 * `image` (every container image of the pods running on the node, name → tag) and `policy` (the
 * gpu-operator ClusterPolicy spec flattened to dotted keys, and its state).
 */
import type { KubeClusterPolicy, KubeNode, KubePod, KubeVersionInfo } from './kube-objects.js';
import { sortKeysDeep } from '../shared/serialize.js';
import { definedData } from './defined-data.js';
import type { Scalar, SnapshotSubtype } from './snapshot-document.js';

/** providerID scheme → the service name recipes use (`aws:///us-east-1a/i-…` → eks). */
const PROVIDERS: Readonly<Record<string, string>> = {
  aws: 'eks',
  gce: 'gke',
  azure: 'aks',
  oci: 'oke',
  kind: 'kind',
};

/** Builds the `server` subtype. */
export function serverSubtype(version: KubeVersionInfo): SnapshotSubtype {
  return {
    subtype: 'server',
    data: definedData({
      version: version.gitVersion,
      platform: version.platform,
      goVersion: version.goVersion,
    }),
  };
}

/** Builds the `node` subtype. */
export function nodeSubtype(node: KubeNode): SnapshotSubtype {
  const info = node.status?.nodeInfo;
  const providerId = node.spec?.providerID;
  const runtime = info?.containerRuntimeVersion;
  const separator = runtime?.indexOf('://') ?? -1;
  const gpus = node.status?.capacity?.['nvidia.com/gpu'];
  const allocatableGpus = node.status?.allocatable?.['nvidia.com/gpu'];
  return {
    subtype: 'node',
    data: definedData({
      name: node.metadata?.name,
      provider: providerId ? providerOf(providerId) : undefined,
      'provider-id': providerId,
      'instance-type': node.metadata?.labels?.['node.kubernetes.io/instance-type'],
      kernel: info?.kernelVersion,
      'os-image': info?.osImage,
      'operating-system': info?.operatingSystem,
      architecture: info?.architecture,
      'container-runtime': runtime,
      'container-runtime-name': separator > 0 ? runtime?.slice(0, separator) : undefined,
      'container-runtime-version': separator > 0 ? runtime?.slice(separator + 3) : undefined,
      'kubelet-version': info?.kubeletVersion,
      'gpu-capacity': gpus === undefined ? undefined : toCount(gpus),
      'gpu-allocatable': allocatableGpus === undefined ? undefined : toCount(allocatableGpus),
    }),
  };
}

/**
 * The service a providerID names: known schemes map to eks/gke/aks/oke/kind, OKE's bare OCIDs
 * (`ocid1.instance.oc1…`) to oke, anything else to its own scheme.
 */
export function providerOf(providerId: string): string {
  if (providerId.startsWith('ocid1.')) return 'oke';
  const scheme = providerId.split('://', 1)[0]?.trim().toLowerCase() ?? '';
  return PROVIDERS[scheme] ?? scheme;
}

/**
 * Builds the `image` subtype from the pods that are running or about to (finished pods are history).
 * An image used with several tags lists them all, sorted and comma-separated.
 */
export function imageSubtype(pods: readonly KubePod[]): SnapshotSubtype {
  const tags = new Map<string, Set<string>>();
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    for (const container of containers) {
      if (!container.image) continue;
      const { name, tag } = splitImageReference(container.image);
      const set = tags.get(name) ?? new Set<string>();
      set.add(tag);
      tags.set(name, set);
    }
  }
  const data: Record<string, Scalar> = {};
  for (const [name, set] of tags) data[name] = [...set].sort().join(',');
  return { subtype: 'image', data };
}

/**
 * Splits an image reference into repository and tag: `nvcr.io/nvidia/gpu-operator:v25.10.1` →
 * (`nvcr.io/nvidia/gpu-operator`, `v25.10.1`). A digest stands in for a missing tag; a reference with
 * neither gets `latest`, as the container runtime would pull. A registry port is not a tag.
 */
export function splitImageReference(reference: string): { name: string; tag: string } {
  const at = reference.indexOf('@');
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const rest = at === -1 ? reference : reference.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  const name = hasTag ? rest.slice(0, colon) : rest;
  const tag = hasTag ? rest.slice(colon + 1) : undefined;
  return { name, tag: tag ?? digest ?? 'latest' };
}

/**
 * Builds the `policy` subtype: the spec of the first ClusterPolicy by name, flattened to dotted keys
 * (`driver.version`, `mig.strategy`), and its reconciled state as `status.state` (`ready`,
 * `notReady`). Lists become compact JSON with sorted keys; empty maps and lists and nulls are left
 * out.
 */
export function policySubtype(policies: readonly KubeClusterPolicy[]): SnapshotSubtype | undefined {
  const [policy] = [...policies].sort((a, b) =>
    (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1,
  );
  if (!policy?.spec) return undefined;
  const data: Record<string, Scalar> = {};
  flatten(policy.spec, '', data);
  const state = policy.status?.state;
  if (state) data['status.state'] = state;
  return { subtype: 'policy', data };
}

function flatten(value: unknown, prefix: string, out: Record<string, Scalar>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    if (value.length > 0) out[prefix] = JSON.stringify(sortKeysDeep(value));
    return;
  }
  if (typeof value === 'object') {
    for (const [key, nested] of Object.entries(value)) {
      flatten(nested, prefix === '' ? key : `${prefix}.${key}`, out);
    }
    return;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    out[prefix] = value;
  }
}

function toCount(quantity: string): Scalar {
  return /^\d+$/.test(quantity) ? Number(quantity) : quantity;
}
