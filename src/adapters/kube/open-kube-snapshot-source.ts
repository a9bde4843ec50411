/**
 * @module The K8s collector's way into the cluster. Detection is cheap and runs first; without a
 * kubeconfig or in-cluster account the collector is unavailable and no client is loaded.
 */
import type { OpenKubeSnapshotSource } from '../../actions/ports.js';
import { CnsError } from '../../core/shared/errors.js';
import { detectKubeConfig, type DetectKubeConfigInput } from './detect-kube-config.js';

export const NO_CLUSTER_REASON =
  'no kubeconfig (KUBECONFIG, ~/.kube/config) or in-cluster service account found';

/** Creates the opener the snapshot action uses. */
export function createOpenKubeSnapshotSource(input: DetectKubeConfigInput): OpenKubeSnapshotSource {
  return async (signal) => {
    const config = await detectKubeConfig(input);
    signal.throwIfAborted();
    if (!config) throw new CnsError('UNAVAILABLE', NO_CLUSTER_REASON);
    throw new CnsError('UNAVAILABLE', 'cluster access arrives with the Kubernetes integration', {
      details: { config: config.kind },
    });
  };
}
