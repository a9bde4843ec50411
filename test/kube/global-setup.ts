/**
 * Vitest global setup: a real kube-apiserver for the cluster tests (test/kube, src/adapters/kube),
 * started with scripts/k8s-test-apiserver.sh (built once into a cache outside the clone) unless
 * CNS_TEST_KUBECONFIG already names one (.ci/run starts it itself), and stopped when the tests end.
 * Without Go (and no cached build) the cluster tests skip, saying so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const SCRIPT = fileURLToPath(new URL('../../scripts/k8s-test-apiserver.sh', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    /** The kubeconfig of the test apiserver (contexts admin, cli, limited); '' when there is none. */
    cnsTestKubeconfig: string;
    /** Why there is none, for the skip message. */
    cnsTestClusterAbsent: string;
  }
}

/** Whether the run's file filters (if any) can select a cluster test. */
function selectsClusterTests(argv: readonly string[]): boolean {
  const filters = argv.slice(argv.indexOf('run') + 1).filter((a) => !a.startsWith('-'));
  return filters.length === 0 || filters.some((f) => /kube|cluster|bench/.test(f));
}

export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env.CNS_TEST_KUBECONFIG;
  if (given) {
    project.provide('cnsTestKubeconfig', given);
    project.provide('cnsTestClusterAbsent', '');
    return undefined;
  }
  if (!selectsClusterTests(process.argv)) {
    project.provide('cnsTestKubeconfig', '');
    project.provide('cnsTestClusterAbsent', 'no cluster test selected');
    return undefined;
  }
  const runDir = mkdtempSync(join(tmpdir(), 'cns-apiserver-'));
  const started = spawnSync('bash', [SCRIPT, 'start', runDir], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (started.status !== 0) {
    rmSync(runDir, { recursive: true, force: true });
    const why =
      started.status === 3
        ? 'Go is not installed, so no kube-apiserver could be built'
        : `the test apiserver did not start (scripts/k8s-test-apiserver.sh exited ${started.status})`;
    if (started.status !== 3) throw new Error(why);
    process.stderr.write(`\n*** cluster tests SKIPPED: ${why} ***\n\n`);
    project.provide('cnsTestKubeconfig', '');
    project.provide('cnsTestClusterAbsent', why);
    return undefined;
  }
  const kubeconfig = join(runDir, 'kubeconfig');
  process.env.CNS_TEST_KUBECONFIG = kubeconfig;
  project.provide('cnsTestKubeconfig', kubeconfig);
  project.provide('cnsTestClusterAbsent', '');
  return () => {
    spawnSync('bash', [SCRIPT, 'stop', runDir], { stdio: 'inherit' });
    rmSync(runDir, { recursive: true, force: true });
  };
}
