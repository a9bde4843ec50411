/**
 * The real kube-apiserver the cluster tests run against (test/kube/global-setup.ts starts it and
 * provides its kubeconfig), for vitest: `describeCluster` skips, saying why, where there is none.
 * Everything else is in cluster-access.ts, which the harness and the benchmarks share.
 */
import { describe, inject } from 'vitest';

export const KUBECONFIG = inject('cnsTestKubeconfig');
const ABSENT = inject('cnsTestClusterAbsent');
// The harness and helpers read it from the environment (they also run outside vitest).
if (KUBECONFIG) process.env.CNS_TEST_KUBECONFIG = KUBECONFIG;

/** `describe` for tests that need the apiserver; skipped, saying why, when there is none. */
export const describeCluster: typeof describe = KUBECONFIG
  ? describe
  : (((name: string, ...rest: unknown[]) =>
      describe.skip(`${name} (skipped: ${ABSENT})`, ...(rest as [() => void]))) as typeof describe);

export * from './cluster-access.js';
