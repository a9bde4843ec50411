/**
 * Ctrl-C during `snapshot --deploy-agent`: the shipped CLI (bin/cnsctl.cjs) gets SIGINT while its
 * agent runs, and with --cleanup removes the Job, its pods and the RBAC before it ends by the signal
 * (exit status 130 in a shell); without it, it says what it left and how to remove it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';
import { leftInCluster } from './cluster-objects.js';
import { startHarness, type Harness } from './harness/harness.js';
import { createNamespace, describeCluster, KUBECONFIG, uniqueName } from './test-cluster.js';

const BIN = `${REPO_ROOT}bin/cnsctl.cjs`;
const built = existsSync(`${REPO_ROOT}dist/cnsctl.cjs`);

describeCluster('Ctrl-C during snapshot --deploy-agent', { timeout: 60_000 }, () => {
  let namespace: string;
  let harness: Harness;

  beforeEach(async () => {
    namespace = await createNamespace('sigint');
    const node = uniqueName('node');
    harness = await startHarness({
      namespace,
      nodes: [{ name: node, labels: { 'cns-test/pool': node }, host: 'h100-minimal' }],
      behaviour: () => 'hang',
    });
  });
  afterEach(() => harness.stop());

  /** Runs the CLI until its agent is running, interrupts it, and returns how it ended. */
  async function interrupt(
    args: readonly string[],
  ): Promise<{ ended: [number | null, NodeJS.Signals | null]; stderr: string }> {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'snapshot',
        '--deploy-agent',
        '--kubeconfig',
        KUBECONFIG,
        '--namespace',
        namespace,
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (/agent: running on /.test(stderr) && child.exitCode === null && !child.killed) {
        child.kill('SIGINT');
      }
    });
    const ended = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (code, signal) => resolve([code, signal])),
    );
    return { ended, stderr };
  }

  it.skipIf(!built)(
    'removes the Job, its pods and the RBAC with --cleanup, then ends by the signal (130 in a shell)',
    async () => {
      const { ended, stderr } = await interrupt(['--cleanup']);
      expect(stderr).toContain('interrupted: cleaning up');
      expect(stderr).toContain("removed the agent's Job, pods and RBAC after the failure");
      // The process ends by the signal once cleanup is done: a shell reports 130.
      expect(ended).toEqual([null, 'SIGINT']);
      expect(await leftInCluster(namespace)).toEqual([]);
    },
  );

  it.skipIf(!built)('says what it left and how to remove it without --cleanup', async () => {
    const { ended, stderr } = await interrupt([]);
    expect(ended).toEqual([null, 'SIGINT']);
    expect(stderr).toMatch(
      /left in cluster "cns-test" .* for inspection \(serviceaccount\/cns-agent, role\/cns-agent, .*job\/cns-agent\); remove them with: kubectl delete/,
    );
    expect(await leftInCluster(namespace)).toEqual(
      expect.arrayContaining(['job/cns-agent', 'serviceaccount/cns-agent']),
    );
  });
});
