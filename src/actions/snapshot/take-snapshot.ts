/**
 * @module The snapshot action: runs the OS, SystemD, GPU and K8s collectors concurrently, each under its
 * own timeout, and assembles what they found into a Snapshot document that also records how each
 * collector (and each missing part of one) ended. A missing source never fails the snapshot, except
 * the GPU when a GPU is required.
 */
import { assembleSnapshot } from '../../core/snapshot/assemble-snapshot.js';
import type { CollectorStatus, Snapshot } from '../../core/snapshot/snapshot-document.js';
import { CnsError } from '../../core/shared/errors.js';
import type { Clock } from '../ports.js';
import type { Collector } from './collector.js';
import { gpuCollector } from './collect-gpu.js';
import { k8sCollector } from './collect-k8s.js';
import { osCollector } from './collect-os.js';
import { systemdCollector } from './collect-systemd.js';
import { readHostname } from './read-hostname.js';
import { runCollectors, type CollectorRun, type RunCollectorsDeps } from './run-collectors.js';

/** The collectors, in the order they are listed and run. */
export const COLLECTOR_NAMES = ['systemd', 'os', 'k8s', 'gpu'] as const;
export type CollectorName = (typeof COLLECTOR_NAMES)[number];

/** What to collect and how; built from flags by the CLI, or from a request by the server. */
export interface SnapshotOptions {
  /** The collectors to run (--collectors); default all. */
  readonly collectors?: readonly CollectorName[];
  /** Walk /proc/sys/net too. */
  readonly includeNetSysctl: boolean;
  readonly systemdUnits: readonly string[];
  /** Keep volatile and credential-like values (systemd timestamps and PIDs, counters in /proc/sys). */
  readonly allProperties: boolean;
  /** Fail with UNAVAILABLE when no GPU is found. */
  readonly requireGpu: boolean;
  /** Each collector's own time limit. */
  readonly timeoutMs: number;
  /** The Kubernetes node name; defaults to the host's name. */
  readonly nodeName?: string;
}

export interface SnapshotDeps extends RunCollectorsDeps {
  readonly clock: Clock;
  readonly toolVersion: string;
  readonly signal?: AbortSignal;
}

export interface SnapshotResult {
  readonly snapshot: Snapshot;
  /** Per-collector wall time, for --debug logs; never part of the document. */
  readonly timings: readonly { readonly name: string; readonly elapsedMs: number }[];
}

/** Takes a snapshot of the host behind `deps.files` / `deps.commands` and of its cluster. */
export async function takeSnapshot(
  options: SnapshotOptions,
  deps: SnapshotDeps,
): Promise<SnapshotResult> {
  const sourceNode = options.nodeName ?? (await readHostname(deps.files));
  const all: Record<CollectorName, () => Collector> = {
    systemd: () =>
      systemdCollector({ units: options.systemdUnits, allProperties: options.allProperties }),
    os: () =>
      osCollector({ includeNet: options.includeNetSysctl, keepVolatile: options.allProperties }),
    k8s: () => k8sCollector(sourceNode === undefined ? {} : { nodeName: sourceNode }),
    gpu: () => gpuCollector(),
  };
  const collectors = (options.collectors ?? COLLECTOR_NAMES).map((name) => all[name]());
  const runs = await runCollectors(collectors, deps, {
    timeoutMs: options.timeoutMs,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  if (options.requireGpu) requireGpu(runs);
  const snapshot = assembleSnapshot({
    measurements: runs.map((r) => ({ type: r.collector.type, subtypes: r.subtypes })),
    collectors: runs.flatMap(statusesOf),
    timestamp: deps.clock.now(),
    version: deps.toolVersion,
    ...(sourceNode === undefined ? {} : { sourceNode }),
  });
  return {
    snapshot,
    timings: runs.map((r) => ({ name: r.collector.name, elapsedMs: r.elapsedMs })),
  };
}

function statusesOf(run: CollectorRun): CollectorStatus[] {
  const own: CollectorStatus = {
    name: run.collector.name,
    status: run.status,
    ...(run.reason === undefined ? {} : { reason: run.reason }),
  };
  const parts = run.missing.map((m): CollectorStatus => ({
    name: `${run.collector.name}.${m.part}`,
    status: 'unavailable',
    reason: m.reason,
  }));
  return [own, ...parts];
}

function requireGpu(runs: readonly CollectorRun[]): void {
  const gpu = runs.find((r) => r.collector.name === 'gpu');
  const hasGpu = gpu?.subtypes.some((s) => /^gpu-\d+$/.test(s.subtype)) ?? false;
  if (hasGpu) return;
  const why =
    gpu?.status !== 'ok' ? gpu?.reason : gpu.missing.find((m) => m.part === 'smi')?.reason;
  throw new CnsError(
    'UNAVAILABLE',
    `a GPU is required but none was found: ${why ?? 'the GPU collector did not run'}`,
    {
      details: { collector: 'gpu', status: gpu?.status, reason: why },
    },
  );
}
