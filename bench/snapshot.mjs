// Snapshot benchmark (issue: snapshot stage).
// 1. CLI wall time of `cnsctl snapshot` on this machine against a bare `node -e 0`, paired and
//    interleaved, median of BENCH_RUNS (default 20) pairs.
// 2. Each source alone and all four together, in fresh processes (cold, as the CLI runs them), median
//    of the in-process collection time. Overlap shows as "together" close to the slowest, not the sum.
// Target: CLI <= node floor + slowest single source + 50 ms, read as the median over pairs of
// (cnsctl snapshot - node -e 0): a pair shares the machine's load, so a busy moment cancels out.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { fmt, median, ROOT } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 20);
if (!existsSync(`${ROOT}dist/cnsctl.cjs`)) throw new Error('run `npm run build` first');

const probeFile = `${ROOT}.cache/bench/snapshot-probe.mjs`;
await build({
  entryPoints: [`${ROOT}bench/snapshot-probe.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: probeFile,
  logLevel: 'warning',
});

function probeOnce(names) {
  const code =
    `const m = await import(${JSON.stringify(pathToFileURL(probeFile).href)});` +
    `console.log(JSON.stringify(await m.probe(${JSON.stringify(names)})));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`probe ${names.join(',')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function probeMedian(names) {
  probeOnce(names);
  const samples = Array.from({ length: runs }, () => probeOnce(names));
  return { ms: median(samples.map((s) => s.ms)), statuses: samples[0].statuses };
}

const sources = ['os', 'systemd', 'gpu', 'k8s'];
const single = Object.fromEntries(sources.map((name) => [name, probeMedian([name])]));
const together = probeMedian(sources);
for (const name of sources) {
  console.log(
    `source ${name.padEnd(7)} alone: ${fmt(single[name].ms)} (${single[name].statuses.join(', ')})`,
  );
}
const slowest = Math.max(...sources.map((n) => single[n].ms));
const sum = sources.reduce((total, n) => total + single[n].ms, 0);
console.log(
  `all four together: ${fmt(together.ms)} (slowest alone ${fmt(slowest)}, sum ${fmt(sum)}): ${together.statuses.join(', ')}`,
);

function wallMs(argv) {
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0)
    throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

// Output goes to an ignored stdout, not `-o /dev/null`: an atomic file write would fsync (and, as root,
// rename a regular file over the device).
const floorArgv = [process.execPath, '-e', '0'];
const cliArgv = [process.execPath, `${ROOT}bin/cnsctl.cjs`, 'snapshot'];
wallMs(floorArgv);
wallMs(cliArgv);
const floors = [];
const clis = [];
const overheads = [];
for (let i = 0; i < runs; i++) {
  const floor = wallMs(floorArgv);
  const cli = wallMs(cliArgv);
  floors.push(floor);
  clis.push(cli);
  overheads.push(cli - floor);
}
const overhead = median(overheads);
const allowance = slowest + 50;
console.log(
  `snapshot CLI: node -e 0 ${fmt(median(floors))}, cnsctl snapshot ${fmt(median(clis))}; ` +
    `over the floor ${fmt(overhead)} (median of ${runs} pairs) against slowest source + 50 ms = ${fmt(allowance)}: ` +
    `${overhead <= allowance ? 'within' : 'OVER'}`,
);
if (overhead > allowance) process.exitCode = 1;
