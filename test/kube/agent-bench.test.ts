/**
 * The figures of bench/agent.mjs (which runs this file with CNS_BENCH=1; npm test skips it): the
 * shipped CLI deploying one agent in the harness, from its start to the snapshot written, with the
 * agent's own collection (inside its simulated container) taken out; and its API requests per run.
 */
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';
import { fleetRun, type FleetRun } from './harness/fleet-run.js';
import { describeCluster } from './test-cluster.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const wanted = process.env.CNS_BENCH === '1' && existsSync(`${REPO_ROOT}dist/cnsctl.cjs`);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};

describeCluster('agent benchmark', { timeout: 600_000 }, () => {
  it.skipIf(!wanted)('one agent: CLI start to snapshot written, and requests per run', async () => {
    const runs: FleetRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await fleetRun(1, 1);
      expect(run.code, run.stderr).toBe(0);
      runs.push(run);
    }
    const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
    const written = runs.map((r) => r.writtenSeconds);
    const own = runs.map((r) => r.writtenSeconds - r.agentSeconds);
    process.stdout.write(
      [
        `agent bench (${RUNS} runs, one node, --cleanup):`,
        `  CLI start → snapshot written: median ${ms(median(written))} (min ${ms(Math.min(...written))}, max ${ms(Math.max(...written))})`,
        `  of which the agent's own collection: median ${ms(median(runs.map((r) => r.agentSeconds)))}`,
        `  CLI start → snapshot written, collection excluded: median ${ms(median(own))}`,
        `  CLI start → exit (cleanup done): median ${ms(median(runs.map((r) => r.seconds)))}`,
        `  API requests per run: ${[...new Set(runs.map((r) => r.requests))].join(', ')} (${JSON.stringify(runs[0]?.byVerb)})`,
        `  peak RSS: median ${median(runs.map((r) => r.maxRssMb)).toFixed(1)} MB`,
      ].join('\n') + '\n',
    );
  });
});
