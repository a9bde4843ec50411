// Diff benchmarks (issue: validate and diff).
// 1. Fleet diff of 1,000 snapshots of 2,000 keys each, in process, from parsed snapshots: compareFleet
//    time and the memory it adds. Target: under 2 s.
// 2. For scale: the same fleet read from JSON text and schema-checked (what `cnsctl diff dir/` does
//    before comparing); the whole command on a directory of the 1,000 files, run in process through
//    runCli (read, parse, schema, diff, render JSON); and a pairwise diff of two of the snapshots.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fmt, importTs, median } from './lib.mjs';

// A gc() to measure retained memory without asking for node flags.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const { compareFleet } = await importTs('src/core/diff/compare-fleet.ts');
const { compareSnapshots } = await importTs('src/core/diff/compare-snapshots.ts');
const { snapshotSchema } = await importTs('src/core/snapshot/snapshot.ts');
const { runCli } = await importTs('src/cli/run-cli.ts');
const { composePorts } = await importTs('src/adapters/compose/compose-ports.ts');

// Node i: 2,000 keys over OS, SystemD, K8s and GPU, with volatile values that differ on every node
// (hostname, boot id, PIDs, timestamps) and three outliers: an old kernel, a different driver, a
// missing kernel module.
function snapshotText(i) {
  const sysctl = {
    '/proc/sys/kernel/hostname': `node-${i}`,
    '/proc/sys/kernel/random/boot_id': `boot-${i}`,
    '/proc/sys/kernel/osrelease': i === 311 ? '6.8.0-1024-aws' : '6.8.0-1043-aws',
  };
  for (let k = 0; k < 1202; k++)
    sysctl[`/proc/sys/net/ipv4/conf/eth${k % 8}/setting_${k}`] = String(k % 13);
  const kmod = { nvidia: true, nvidia_uvm: true };
  if (i !== 742) kmod.nvidia_peermem = true;
  const units = Array.from({ length: 4 }, (_, u) => {
    const data = {
      MainPID: 1000 + i + u,
      ExecMainStartTimestamp: `Tue 2026-01-13 12:00:${i % 60} UTC`,
    };
    for (let k = 0; k < 98; k++) data[`Property${k}`] = k % 2 === 0 ? 'yes' : `value-${k}`;
    return { subtype: `unit-${u}.service`, data };
  });
  const gpu = { driver: i === 505 ? '550.163.01' : '580.159.04', 'cuda-version': '13.0' };
  for (let k = 0; k < 190; k++) gpu[`device.${k % 8}.field_${k}`] = `${k}`;
  const policy = {};
  for (let k = 0; k < 200; k++)
    policy[`spec.section${k % 10}.key${k}`] = k % 3 === 0 ? 'true' : `v${k}`;
  return JSON.stringify({
    kind: 'Snapshot',
    apiVersion: 'cns.nvidia.com/v1alpha1',
    metadata: {
      'source-node': `node-${i}`,
      timestamp: `2026-01-13T13:00:${String(i % 60).padStart(2, '0')}Z`,
    },
    measurements: [
      {
        type: 'OS',
        subtypes: [
          { subtype: 'sysctl', data: sysctl },
          { subtype: 'kmod', data: kmod },
        ],
      },
      { type: 'SystemD', subtypes: units },
      { type: 'GPU', subtypes: [{ subtype: 'smi', data: gpu }] },
      { type: 'K8s', subtypes: [{ subtype: 'policy', data: policy }] },
    ],
  });
}

const texts = Array.from({ length: NODES }, (_, i) => snapshotText(i));
const mb = texts.reduce((n, t) => n + t.length, 0) / 1e6;

let t = process.hrtime.bigint();
const fleet = texts.map((text, i) => ({
  source: `fleet/${i}.json`,
  snapshot: snapshotSchema.parse(JSON.parse(text)),
}));
const readMs = Number(process.hrtime.bigint() - t) / 1e6;
const keys = fleet[0].snapshot.measurements.reduce(
  (n, m) => n + m.subtypes.reduce((k, s) => k + Object.keys(s.data).length, 0),
  0,
);

const meta = { generatedAt: '2026-11-26T00:00:00Z', version: 'bench' };
gc();
const heapBefore = process.memoryUsage().heapUsed;
const samples = [];
let report;
let heapRight = 0;
for (let r = 0; r < runs; r++) {
  t = process.hrtime.bigint();
  report = compareFleet(fleet, {}, meta);
  samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (r === 0) heapRight = process.memoryUsage().heapUsed;
}
gc();
const heapRetained = process.memoryUsage().heapUsed;
const pairSamples = [];
for (let r = 0; r < 20; r++) {
  t = process.hrtime.bigint();
  compareSnapshots(fleet[0], fleet[311], {}, meta);
  pairSamples.push(Number(process.hrtime.bigint() - t) / 1e6);
}

console.log(
  `fleet: ${NODES} snapshots of ${keys} keys (${mb.toFixed(0)} MB of JSON); JSON.parse + schema of all ${fmt(readMs)}`,
);
console.log(
  `fleet diff: first ${fmt(samples[0])}, median ${fmt(median(samples))} over ${runs} runs (target < 2 s); ${report.summary.differing} differing keys, outliers ${report.outliers.map((o) => o.node).join(', ')}`,
);
console.log(
  `memory: heap ${(heapBefore / 1e6).toFixed(0)} MB holding the parsed fleet; the first diff left +${((heapRight - heapBefore) / 1e6).toFixed(0)} MB before GC, +${((heapRetained - heapBefore) / 1e6).toFixed(1)} MB retained after GC; peak RSS of the whole bench ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
console.log(`pairwise diff of two snapshots: median ${fmt(median(pairSamples))} over 20 runs`);

const dir = mkdtempSync(join(tmpdir(), 'cnsctl-bench-fleet-'));
try {
  texts.forEach((text, i) =>
    writeFileSync(join(dir, `node-${String(i).padStart(4, '0')}.json`), text),
  );
  let out = '';
  const io = {
    stdout: { write: (text) => (out += text), isTTY: false },
    stderr: { write: (text) => process.stderr.write(text), isTTY: false },
    env: {},
    runtime: { node: process.versions.node, platform: `${process.platform}/${process.arch}` },
  };
  const ports = composePorts({
    env: {},
    processId: process.pid,
    userId: process.getuid?.(),
    killProcessGroup: (groupId, signal) => process.kill(-groupId, signal),
    loadEmbeddedCatalog: () => Promise.reject(new Error('diff needs no catalog')),
    stdio: {
      readStdin: () => Promise.resolve(''),
      writeStdout: (text) => {
        out += text;
        return Promise.resolve();
      },
    },
  });
  t = process.hrtime.bigint();
  const code = await runCli(
    ['diff', dir, '-t', 'json'],
    io,
    () => ports,
    new globalThis.AbortController().signal,
  );
  const cliMs = Number(process.hrtime.bigint() - t) / 1e6;
  const outliers = JSON.parse(out)
    .outliers.map((o) => o.node)
    .join(', ');
  console.log(
    `cnsctl diff <directory of ${NODES} JSON files> -t json, in process: ${fmt(cliMs)}, exit ${code}, outliers ${outliers}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
