// Start-up of `cnsctl recipe` under each Node that users run (issue 7 §6): for this process's Node and
// for the versions CI runs the end-to-end tests under (binaries from .ci/node-binary, cached outside
// the clone), the median over at least 20 pairs of `cnsctl recipe` (the demo's criteria, output to
// an ignored stdout) against that same Node's `node -e 0`, alternating so both see the same load.
// The shipped code cache is per V8 version, so the first run under a version saves its own cache and
// the pairs that follow start warm (pairedTimes runs each side once before timing). Target: ratio
// <= 1.25 on each version. `node bench/node-versions.mjs [version ...]` (default 22.23.5 24.22.3).
// Wall time on a shared machine carries its load; the CPU time of the same runs (the children's user
// + system time, from /proc/self/stat once they are reaped) does much less, so both are reported.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { DEMO_CRITERIA, fmt, pairedTimes, ROOT } from './lib.mjs';

const runs = Math.max(20, Number(process.env.BENCH_RUNS ?? 20));
if (!existsSync(`${ROOT}dist/cnsctl.cjs`)) throw new Error('run `npm run build` first');
const versions = process.argv.slice(2);
const nodes = [
  process.execPath,
  ...(versions.length > 0 ? versions : ['22.23.5', '24.22.3']).map((version) =>
    execFileSync(`${ROOT}.ci/node-binary`, [version], { encoding: 'utf8' }).trim(),
  ),
];
const demo = ['recipe', ...DEMO_CRITERIA];

// User + system time of this process's reaped children so far, in ms (fields 16 and 17 of
// /proc/self/stat, in clock ticks of 10 ms; summed over many runs, the mean is precise enough).
const childCpuMs = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
};
const meanCpuMs = (argv) => {
  const before = childCpuMs();
  for (let i = 0; i < runs; i++) spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
  return (childCpuMs() - before) / runs;
};

console.log(
  '| Node | node -e 0 | cnsctl recipe | over the floor | ratio | target | CPU: node -e 0 | CPU: cnsctl recipe | CPU ratio |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const node of nodes) {
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const baseline = [node, '-e', '0'];
  const command = [node, `${ROOT}bin/cnsctl.cjs`, ...demo];
  const { baselineMs, commandMs, ratio } = pairedTimes(baseline, command, runs);
  const baselineCpu = meanCpuMs(baseline);
  const commandCpu = meanCpuMs(command);
  console.log(
    `| ${version} | ${fmt(baselineMs)} | ${fmt(commandMs)} | ${fmt(commandMs - baselineMs)} | ${ratio.toFixed(2)} | ≤ 1.25 ${ratio <= 1.25 ? '✓' : '✗'} | ${fmt(baselineCpu)} | ${fmt(commandCpu)} | ${(commandCpu / baselineCpu).toFixed(2)} |`,
  );
}
console.log(
  `(wall: medians of ${runs} pairs per version, the ratio is the median of the per-pair ratios; CPU: means of ${runs} runs each)`,
);
