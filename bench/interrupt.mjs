// How fast cnsctl ends on an interrupt, and how fast it refuses input over its limit (issue 8 §2):
// SIGINT sent to the built CLI while it waits on a FIFO with no writer, while it parses a large YAML
// snapshot, and while a host command runs (the one state that cleans up first); then the time to
// refuse 64 MiB of /dev/zero on stdin and a sparse 3 GiB file. Each state is reached by a readiness
// signal (the FIFO open in the process, the file read, the command started), not a sleep.
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, percentile, ROOT } from './lib.mjs';

// BENCH_BIN: another build's bin/cnsctl.cjs, to compare.
const BIN = process.env.BENCH_BIN ?? `${ROOT}bin/cnsctl.cjs`;
const RECIPE = `${ROOT}test/validate/fixtures/recipe-h100-checks.yaml`;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'cnsctl-bench-interrupt-'));

const pause = () => new Promise((resolve) => setTimeout(resolve, 2));
async function until(condition) {
  while (!condition()) await pause();
}
const holdsOpen = (pid, path) => {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
};
const bytesRead = (pid) => {
  try {
    return Number(/^rchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

/** Milliseconds from SIGINT to the process's end, once `ready(pid)` holds. */
async function interruptOnce(args, ready, env = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
  const ended = new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  await until(() => ready(child.pid));
  const sent = process.hrtime.bigint();
  child.kill('SIGINT');
  const { code, signal } = await ended;
  if (signal !== 'SIGINT')
    throw new Error(`${args.join(' ')}: ended with ${code ?? signal}, not SIGINT`);
  return Number(process.hrtime.bigint() - sent) / 1e6;
}

async function report(name, args, ready, env) {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await interruptOnce(args, ready, env));
  console.log(
    `${name}: SIGINT → exit median ${median(times).toFixed(1)} ms, max ${percentile(times, 100).toFixed(1)} ms (${RUNS} runs)`,
  );
}

const fifo = join(dir, 'snapshot.fifo');
execFileSync('mkfifo', [fifo]);
await report('FIFO with no writer', ['validate', '--recipe', RECIPE, '--snapshot', fifo], (pid) =>
  holdsOpen(pid, fifo),
);

const big = join(dir, 'big.yaml');
const lines = Array.from({ length: 800_000 }, (_, i) => `      key-${i}: value number ${i}`);
writeFileSync(
  big,
  `kind: Snapshot\napiVersion: cns.nvidia.com/v1alpha1\nmetadata: {}\nmeasurements:\n  - type: OS\n    subtypes:\n    - subtype: big\n      data:\n${lines.join('\n')}\n`,
);
const size = readFileSync(big).length;
await report(
  `parse of a ${(size / 1024 ** 2).toFixed(0)} MiB YAML snapshot`,
  ['validate', '--recipe', RECIPE, '--snapshot', big],
  (pid) => bytesRead(pid) >= size,
);

const bin = join(dir, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'nvidia-smi'), `#!/bin/sh\ntouch "${dir}/started"\nexec sleep 60\n`);
chmodSync(join(bin, 'nvidia-smi'), 0o755);
await report(
  'host command running (cleanup: its process group killed)',
  ['snapshot', '-o', join(dir, 'out.yaml')],
  () => {
    if (!existsSync(join(dir, 'started'))) return false;
    execFileSync('rm', ['-f', join(dir, 'started')]);
    return true;
  },
  { PATH: `${bin}:${process.env.PATH}` },
);

/** Milliseconds to a refusal over the limit. */
function refusal(args, stdin = 'ignore') {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const fd = stdin === 'ignore' ? 'ignore' : openSync(stdin, 'r');
    const start = process.hrtime.bigint();
    const result = spawnSyncChecked(args, fd);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (fd !== 'ignore') closeSync(fd);
    if (result !== 2) throw new Error(`${args.join(' ')} exited ${result}, not 2`);
  }
  return times;
}
function spawnSyncChecked(args, stdin) {
  try {
    execFileSync(process.execPath, [BIN, ...args], { stdio: [stdin, 'ignore', 'ignore'] });
    return 0;
  } catch (error) {
    return error.status;
  }
}
const sparse = join(dir, 'sparse.yaml');
writeFileSync(sparse, '');
truncateSync(sparse, 3 * 1024 ** 3);
for (const [name, times] of [
  ['64 MiB of /dev/zero on stdin, refused', refusal(['recipe', '--snapshot', '-'], '/dev/zero')],
  ['a sparse 3 GiB file, refused by its size', refusal(['recipe', '--snapshot', sparse])],
]) {
  console.log(`${name}: median ${median(times).toFixed(1)} ms (whole run, ${RUNS} runs)`);
}
execFileSync('rm', ['-rf', dir]);
