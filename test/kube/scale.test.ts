/**
 * `snapshot --deploy-agent --all-nodes` over 200 node objects, the shipped CLI against a real
 * kube-apiserver (the harness runs the 200 agents): it completes; agents run in bounded parallel
 * batches; the CLI waits on one pod watch rather than polling; its API requests grow linearly with
 * the nodes (counted server-side, from the audit log, for the CLI's own user); and its memory stays
 * flat. The figures are printed for bench/README.md.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';
import { leftInCluster } from './cluster-objects.js';
import { startHarness } from './harness/harness.js';
import {
  auditEvents,
  clients,
  createNamespace,
  describeCluster,
  KUBECONFIG,
  uniqueName,
} from './test-cluster.js';

const BIN = `${REPO_ROOT}bin/cnsctl.cjs`;
const HOOK = `${REPO_ROOT}bench/usage-hook.cjs`;
const built = existsSync(`${REPO_ROOT}dist/cnsctl.cjs`);
const PARALLEL = 20;

export interface FleetRun {
  readonly nodes: number;
  readonly code: number | null;
  readonly stderr: string;
  readonly requests: number;
  readonly watches: number;
  readonly byVerb: Record<string, number>;
  readonly maxRssMb: number;
  readonly seconds: number;
  readonly maxRunning: number;
}

/** Deploys agents to `count` fresh nodes with the shipped CLI as the `scale` user, and measures it. */
export async function fleetRun(count: number, parallel = PARALLEL): Promise<FleetRun> {
  const namespace = await createNamespace('fleet');
  const pool = uniqueName('fleet');
  const harness = await startHarness({
    namespace,
    nodes: Array.from({ length: count }, (_, i) => ({
      name: `${pool}-${String(i).padStart(4, '0')}`,
      labels: { 'cns-test/pool': pool },
      host: 'h100-minimal',
    })),
  });
  try {
    const usageFile = join(mkdtempSync(join(tmpdir(), 'cns-usage-')), 'usage.json');
    const before = auditEvents().length;
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [
        BIN,
        'snapshot',
        '--deploy-agent',
        '--all-nodes',
        '--kubeconfig',
        KUBECONFIG,
        '--context',
        'scale',
        '--namespace',
        namespace,
        '--node-selector',
        `cns-test/pool=${pool}`,
        '--parallel',
        String(parallel),
        '--timeout',
        '15m',
        '--cleanup',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, NODE_OPTIONS: `--require ${HOOK}`, CNS_USAGE_FILE: usageFile },
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const mine = auditEvents()
      .slice(before)
      .filter((e) => e.user.username === 'scale');
    const byVerb: Record<string, number> = {};
    for (const event of mine) byVerb[event.verb] = (byVerb[event.verb] ?? 0) + 1;
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number };
    expect(await leftInCluster(namespace)).toEqual([]);
    const stored = await clients().core.listNamespacedConfigMap({ namespace });
    expect(stored.items.length).toBe(count);
    return {
      nodes: count,
      code,
      stderr,
      requests: mine.length,
      watches: mine.filter((e) => e.verb === 'watch').length,
      byVerb,
      maxRssMb: usage.maxRssKb / 1024,
      seconds,
      maxRunning: harness.maxRunning(),
    };
  } finally {
    await harness.stop();
  }
}

describeCluster('--all-nodes at scale', { timeout: 1_200_000 }, () => {
  it.skipIf(!built)(
    'runs 200 agents in bounded batches on one watch, with requests linear in the nodes and flat memory',
    async () => {
      const small = await fleetRun(20);
      const large = await fleetRun(200);
      for (const run of [small, large]) {
        expect(run.code, run.stderr).toBe(0);
        expect(run.maxRunning).toBeLessThanOrEqual(PARALLEL);
        // One watch of the run's pods, and one more while cleanup waits for them to go: no polling.
        expect(run.watches).toBeLessThanOrEqual(2);
        expect(run.byVerb.get ?? 0).toBeLessThan(10);
      }
      // Batches in parallel, not one agent after another.
      expect(large.maxRunning).toBeGreaterThan(PARALLEL / 2);
      const perNode = (large.requests - small.requests) / (large.nodes - small.nodes);
      const fixed = small.requests - perNode * small.nodes;
      process.stdout.write(
        `scale: ${[small, large]
          .map(
            (r) =>
              `${r.nodes} nodes: ${r.requests} requests (${JSON.stringify(r.byVerb)}), ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMb.toFixed(1)} MB, ${r.maxRunning} agents at once`,
          )
          .join('; ')}; per node ${perNode.toFixed(2)} requests, fixed ${fixed.toFixed(0)}\n`,
      );
      // Linear: a per-node cost (create and delete each Job) plus a fixed cost (preflight, RBAC).
      expect(perNode).toBeLessThanOrEqual(2.5);
      expect(Math.abs(fixed)).toBeLessThan(60);
      expect(large.maxRssMb - small.maxRssMb).toBeLessThan(25);
    },
  );
});
