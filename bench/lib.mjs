// Shared bench helpers: paired command timing against a baseline, percentiles, and loading TypeScript
// entry points through esbuild so benches call the real core functions in process.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';

export const ROOT = new URL('..', import.meta.url).pathname;

/** The demo report's criteria, as `cnsctl recipe` flags. */
export const DEMO_CRITERIA = [
  '--service',
  'eks',
  '--accelerator',
  'h100',
  '--os',
  'ubuntu',
  '--intent',
  'training',
];

/** Bundles a TypeScript module into .cache/bench and imports it. */
export async function importTs(relativePath) {
  mkdirSync(`${ROOT}.cache/bench`, { recursive: true });
  const outfile = `${ROOT}.cache/bench/${relativePath.replace(/[/.]/g, '_')}.mjs`;
  await build({
    entryPoints: [`${ROOT}${relativePath}`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return import(`${outfile}?${Date.now()}`);
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const median = (values) => percentile(values, 50);

function timeOnce(argv, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

/**
 * Runs `baseline` and `command` alternately `runs` times (after one warm-up each), so both see the
 * same machine load, and reports both medians and the median of the per-pair ratios. `command` may
 * be a function of the run's index (e.g. to write somewhere new each time).
 */
export function pairedTimes(baseline, command, runs, env = {}) {
  const argvOf = (i) => (typeof command === 'function' ? command(i) : command);
  timeOnce(baseline, env);
  timeOnce(argvOf(-1), env);
  const base = [];
  const cmd = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const b = timeOnce(baseline, env);
    const c = timeOnce(argvOf(i), env);
    base.push(b);
    cmd.push(c);
    ratios.push(c / b);
  }
  return { baselineMs: median(base), commandMs: median(cmd), ratio: median(ratios), runs };
}

export const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

/**
 * A synthetic node's Snapshot for the benchmarks that need a large one: the given sysctl map, systemd
 * unit subtypes and GPU subtypes, plus `imageCount` pod images and a ClusterPolicy of `policyKeys`
 * flattened keys (half of them booleans), on an Ubuntu 24.04 node of Kubernetes 1.34.
 */
export function syntheticSnapshot({ sysctl, units, gpu, imageCount, policyKeys }) {
  const images = {};
  for (let i = 0; i < imageCount; i++) images[`workload-${i}`] = `v1.${i % 30}.${i % 7}`;
  const policy = {};
  for (let i = 0; i < policyKeys; i++)
    policy[`spec.section${Math.floor(i / 50)}.key${i}`] = i % 2 === 0 ? 'true' : `value-${i}`;
  return {
    kind: 'Snapshot',
    apiVersion: 'cns.nvidia.com/v1alpha1',
    metadata: { 'source-node': 'bench-node', timestamp: '2026-11-26T00:00:00Z', version: 'bench' },
    measurements: [
      {
        type: 'OS',
        subtypes: [
          { subtype: 'sysctl', data: sysctl },
          { subtype: 'release', data: { ID: 'ubuntu', VERSION_ID: '24.04' } },
        ],
      },
      { type: 'SystemD', subtypes: units },
      { type: 'GPU', subtypes: gpu },
      {
        type: 'K8s',
        subtypes: [
          { subtype: 'server', data: { version: 'v1.34.1-eks-3025e55' } },
          { subtype: 'image', data: images },
          { subtype: 'policy', data: policy },
        ],
      },
    ],
  };
}
