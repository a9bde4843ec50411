/**
 * @module What bench/snapshot.mjs runs in a fresh process: some of the snapshot collectors against this
 * machine (root /, real commands, real cluster detection, through the ports cnsctl composes), timed
 * from the first collector's start to the last one's end. Bundled by esbuild into .cache/bench so the action and adapters share one module graph.
 */
import {
  DEFAULT_SYSTEMD_UNITS,
  systemdCollector,
} from '../src/actions/snapshot/collect-systemd.js';
import { gpuCollector } from '../src/actions/snapshot/collect-gpu.js';
import { k8sCollector } from '../src/actions/snapshot/collect-k8s.js';
import { osCollector } from '../src/actions/snapshot/collect-os.js';
import type { Collector } from '../src/actions/snapshot/collector.js';
import { runCollectors } from '../src/actions/snapshot/run-collectors.js';
import { readEmbeddedCatalog } from '../src/adapters/catalog/read-embedded-catalog.js';
import { composePorts } from '../src/adapters/compose/compose-ports.js';

const COLLECTORS: Readonly<Record<string, () => Collector>> = {
  os: () => osCollector({ includeNet: false, keepVolatile: false }),
  systemd: () => systemdCollector({ units: DEFAULT_SYSTEMD_UNITS, allProperties: false }),
  gpu: () => gpuCollector(),
  k8s: () => k8sCollector({}),
};

export const COLLECTOR_NAMES = Object.keys(COLLECTORS);

/** Runs the named collectors together once; returns the wall time in ms and each one's status. */
export async function probe(
  names: readonly string[],
): Promise<{ ms: number; statuses: string[]; elapsed: string[] }> {
  const collectors = names.map((name) => {
    const make = COLLECTORS[name];
    if (!make) throw new Error(`unknown collector ${name}`);
    return make();
  });
  const composed = composePorts({
    env: process.env,
    processId: process.pid,
    userId: process.getuid?.(),
    killProcessGroup: (groupId, signal) => process.kill(-groupId, signal),
    loadEmbeddedCatalog: () =>
      readEmbeddedCatalog(new URL('../dist/catalog.json', import.meta.url).pathname),
  });
  const ports = { ...composed, ...(await composed.openHost('/')) };
  const started = performance.now();
  const runs = await runCollectors(collectors, ports, { timeoutMs: 30_000 });
  const ms = performance.now() - started;
  return {
    ms,
    statuses: runs.map((r) => `${r.collector.name}=${r.status}`),
    elapsed: runs.map((r) => `${r.collector.name} ${r.elapsedMs.toFixed(1)}`),
  };
}
