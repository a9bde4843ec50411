/**
 * @module The K8s collector's reads through the official client: the server's version, one node,
 * the pods bound to it (their images), and the gpu-operator's ClusterPolicies. A cluster without the
 * ClusterPolicy CRD answers 404 to the list, which is "unavailable" for that part, not an error.
 */
import type { KubeSnapshotSource } from '../../actions/ports.js';
import { CnsError, isCnsError } from '../../core/shared/errors.js';
import type { KubeClusterPolicy } from '../../core/snapshot/kube-objects.js';
import type { KubeConnection } from './kube-connection.js';

const POLICY = { group: 'nvidia.com', version: 'v1', plural: 'clusterpolicies' } as const;

export function kubeSnapshotSource(kube: KubeConnection): KubeSnapshotSource {
  return {
    serverVersion: (signal) =>
      kube.call({ verb: 'get', resource: 'the server version (/version)' }, signal, (options) =>
        kube.version.getCode(options),
      ),
    readNode: (name, signal) =>
      kube.call({ verb: 'get', resource: 'nodes', name }, signal, (options) =>
        kube.core.readNode({ name }, options),
      ),
    async listPodsOnNode(nodeName, signal) {
      const list = await kube.call(
        { verb: 'list', resource: `pods on node ${nodeName} (all namespaces)` },
        signal,
        (options) =>
          kube.core.listPodForAllNamespaces(
            { fieldSelector: `spec.nodeName=${nodeName}` },
            options,
          ),
      );
      return list.items;
    },
    async listClusterPolicies(signal) {
      try {
        const list = (await kube.call(
          { verb: 'list', resource: 'clusterpolicies.nvidia.com' },
          signal,
          (options) => kube.customObjects.listClusterCustomObject({ ...POLICY }, options),
        )) as { items?: KubeClusterPolicy[] };
        return list.items ?? [];
      } catch (error) {
        if (isCnsError(error) && error.code === 'NOT_FOUND') {
          throw new CnsError(
            'UNAVAILABLE',
            'the ClusterPolicy CRD (clusterpolicies.nvidia.com) is not installed: no gpu-operator in the cluster',
            { cause: error },
          );
        }
        throw error;
      }
    },
  };
}
