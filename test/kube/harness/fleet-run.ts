/**
 * One `snapshot --deploy-agent` run of the shipped CLI over fresh harness nodes, measured: its API
 * requests (the audit log's events of the `scale` user, so nothing else is counted), its watches,
 * peak memory, wall time, the agents' own collection time, the most agents at once, and what it
 * left in the cluster. Shared by the scale test and bench/agent.mjs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  auditEvents,
  clients,
  createNamespace,
  testKubeconfig,
  uniqueName,
} from '../cluster-access.js';
import { leftInCluster } from '../cluster-objects.js';
import { startHarness } from './harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = `${ROOT}bin/cnsctl.cjs`;
const HOOK = `${ROOT}bench/usage-hook.cjs`;

export interface FleetRun {
  readonly nodes: number;
  readonly code: number | null;
  readonly stderr: string;
  /** The CLI's requests, all verbs, as the API server recorded them. */
  readonly requests: number;
  readonly watches: number;
  readonly byVerb: Readonly<Record<string, number>>;
  readonly maxRssMb: number;
  /** The largest live heap (sampled after full collections, with `sampleHeap`): what the CLI holds. */
  readonly maxLiveHeapMb: number;
  /** From the CLI's start to its exit (every snapshot written, everything removed). */
  readonly seconds: number;
  /** From the CLI's start to the last snapshot written (its "saved to" line on stderr). */
  readonly writtenSeconds: number;
  /** The agents' own collection (inside their containers), summed. */
  readonly agentSeconds: number;
  readonly maxRunning: number;
  /** ConfigMaps holding the snapshots afterwards. */
  readonly snapshots: number;
  /** What the run left in the cluster (`kind/name`); nothing with --cleanup. */
  readonly left: readonly string[];
}

/**
 * Deploys agents to `count` fresh nodes (`parallel` at once) with the shipped CLI as user `scale`.
 * `sampleHeap` runs it with --expose-gc so the live heap is sampled (the collections cost time: not
 * for timing runs).
 */
export async function fleetRun(
  count: number,
  parallel: number,
  options: { readonly sampleHeap?: boolean } = {},
): Promise<FleetRun> {
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
        ...(count > 1 ? ['--all-nodes', '--parallel', String(parallel)] : []),
        '--kubeconfig',
        testKubeconfig(),
        '--context',
        'scale',
        '--namespace',
        namespace,
        '--node-selector',
        `cns-test/pool=${pool}`,
        '--timeout',
        '15m',
        '--cleanup',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          NODE_OPTIONS: `--require ${HOOK}${options.sampleHeap ? ' --expose-gc' : ''}`,
          CNS_USAGE_FILE: usageFile,
        },
      },
    );
    let stderr = '';
    let written = 0;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (chunk.includes(' saved to ')) written = Number(process.hrtime.bigint() - started) / 1e9;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // A request is recorded when it completes; the closing of the last watch is logged a moment
    // after the CLI has gone. Read until the count settles.
    const ours = () =>
      auditEvents()
        .slice(before)
        .filter((e) => e.user.username === 'scale');
    let mine = ours();
    for (let settled = 0; settled < 3;) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const again = ours();
      settled = again.length === mine.length ? settled + 1 : 0;
      mine = again;
    }
    const byVerb: Record<string, number> = {};
    for (const event of mine) byVerb[event.verb] = (byVerb[event.verb] ?? 0) + 1;
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as {
      maxRssKb: number;
      maxLiveHeapKb: number;
    };
    const stored = await clients().core.listNamespacedConfigMap({ namespace });
    return {
      nodes: count,
      code,
      stderr,
      requests: mine.length,
      watches: byVerb.watch ?? 0,
      byVerb,
      maxRssMb: usage.maxRssKb / 1024,
      maxLiveHeapMb: usage.maxLiveHeapKb / 1024,
      seconds,
      writtenSeconds: written,
      agentSeconds: [...harness.containerSeconds.values()].reduce((a, b) => a + b, 0),
      maxRunning: harness.maxRunning(),
      snapshots: stored.items.length,
      left: await leftInCluster(namespace),
    };
  } finally {
    await harness.stop();
  }
}
