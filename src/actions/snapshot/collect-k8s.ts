/**
 * @module The K8s collector: `server` (the API server's version), `node` (the node this snapshot
 * describes), `image` (images of the pods running on that node) and `policy` (the gpu-operator
 * ClusterPolicy: its spec and state). It runs only where a cluster is configured (kubeconfig or
 * in-cluster); the port decides that. The four reads run together; one refused (RBAC) or absent part
 * (no ClusterPolicy CRD) never costs the others.
 */
import {
  imageSubtype,
  nodeSubtype,
  policySubtype,
  serverSubtype,
} from '../../core/snapshot/k8s-measurements.js';
import type { SnapshotSubtype } from '../../core/snapshot/snapshot-document.js';
import { isCnsError } from '../../core/shared/errors.js';
import { attemptPart, type Collector, type MissingPart, type PartResult } from './collector.js';

export interface K8sOptions {
  /** The Kubernetes node this snapshot describes; without it there is no `node` subtype. */
  readonly nodeName?: string;
}

/** Creates the K8s collector. */
export function k8sCollector(options: K8sOptions): Collector {
  return {
    name: 'k8s',
    type: 'K8s',
    async collect({ openKube }, signal) {
      const kube = await openKube(signal);
      const nodeName = options.nodeName;
      const unknownNode = Promise.resolve<PartResult<never>>({
        missing: 'the node name is unknown (set --node-name or NODE_NAME)',
      });
      const [server, node, pods, policies] = await Promise.all([
        attemptPart(signal, () => kube.serverVersion(signal)),
        nodeName === undefined
          ? unknownNode
          : attemptPart(signal, () =>
              kube.readNode(nodeName, signal).catch((error: unknown) => {
                if (isCnsError(error) && error.code === 'NOT_FOUND') {
                  throw new Error(
                    `node ${nodeName} is not in the cluster (set --node-name to the node's name)`,
                  );
                }
                throw error;
              }),
            ),
        nodeName === undefined
          ? unknownNode
          : attemptPart(signal, () => kube.listPodsOnNode(nodeName, signal)),
        attemptPart(signal, () => kube.listClusterPolicies(signal)),
      ]);
      // Without /version the cluster is not reachable from here, and nothing else answered either.
      if ('missing' in server) throw server.error;
      const subtypes: SnapshotSubtype[] = [serverSubtype(server.value)];
      const missing: MissingPart[] = [];
      if ('value' in node) subtypes.push(nodeSubtype(node.value));
      else missing.push({ part: 'node', reason: node.missing });
      if ('value' in pods) subtypes.push(imageSubtype(pods.value));
      else missing.push({ part: 'image', reason: pods.missing });
      if ('value' in policies) {
        const policy = policySubtype(policies.value);
        if (policy) subtypes.push(policy);
        else
          missing.push({ part: 'policy', reason: 'no gpu-operator ClusterPolicy in the cluster' });
      } else {
        missing.push({ part: 'policy', reason: policies.missing });
      }
      return { subtypes, missing };
    },
  };
}
