/**
 * `snapshot --deploy-agent --all-nodes` over 200 node objects, the shipped CLI against a real
 * kube-apiserver (the harness runs the 200 agents): it completes; agents run in bounded parallel
 * batches; the CLI waits on one pod watch rather than polling; its API requests grow linearly with
 * the nodes (counted server-side, from the audit log, for the CLI's own user); and its memory stays
 * flat. The figures are printed for bench/README.md.
 */
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';
import { fleetRun } from './harness/fleet-run.js';
import { describeCluster } from './test-cluster.js';

const built = existsSync(`${REPO_ROOT}dist/cnsctl.cjs`);
const PARALLEL = 20;

describeCluster('--all-nodes at scale', { timeout: 1_200_000 }, () => {
  it.skipIf(!built)(
    'runs 200 agents in bounded batches on one watch, with requests linear in the nodes and flat memory',
    async () => {
      const small = await fleetRun(20, PARALLEL, { sampleHeap: true });
      const large = await fleetRun(200, PARALLEL, { sampleHeap: true });
      for (const run of [small, large]) {
        expect(run.code, run.stderr).toBe(0);
        expect(run.snapshots).toBe(run.nodes);
        expect(run.left).toEqual([]);
        expect(run.maxRunning).toBeLessThanOrEqual(PARALLEL);
        // One watch of the run's pods, and one more while cleanup waits for them to go: no polling.
        expect(run.watches).toBeLessThanOrEqual(2);
        expect(run.byVerb.get ?? 0).toBeLessThan(10);
      }
      // In parallel, not one agent after another (how many overlap is up to the harness's pace).
      expect(large.maxRunning).toBeGreaterThan(1);
      const perNode = (large.requests - small.requests) / (large.nodes - small.nodes);
      const fixed = small.requests - perNode * small.nodes;
      process.stdout.write(
        `scale: ${[small, large]
          .map(
            (r) =>
              `${r.nodes} nodes: ${r.requests} requests (${JSON.stringify(r.byVerb)}), ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMb.toFixed(1)} MB, live heap ${r.maxLiveHeapMb.toFixed(1)} MB, ${r.maxRunning} agents at once`,
          )
          .join('; ')}; per node ${perNode.toFixed(2)} requests, fixed ${fixed.toFixed(0)}\n`,
      );
      // Linear: a per-node cost (create and delete each Job) plus a fixed cost (preflight, RBAC).
      expect(perNode).toBeLessThanOrEqual(2.5);
      expect(Math.abs(fixed)).toBeLessThan(60);
      // Flat: ten times the nodes, the same memory held (a few kilobytes per node of pod records).
      expect(large.maxLiveHeapMb - small.maxLiveHeapMb).toBeLessThan(5);
      expect(large.maxRssMb - small.maxRssMb).toBeLessThan(25);
    },
  );
});
