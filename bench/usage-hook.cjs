'use strict';
// Loaded with `node --require bench/usage-hook.cjs` (NODE_OPTIONS) by benchmarks and tests that run
// the shipped CLI: on exit it writes to $CNS_USAGE_FILE the process's peak resident memory and every
// module it asked to load, so a run can be checked for what it pulled in (the Kubernetes client must
// load only for the commands that talk to a cluster) and for how much memory it took. Under
// --expose-gc it also samples the live heap (after a full collection) every 250 ms and records the
// largest: what the run holds, without the garbage a peak RSS includes.
const fs = require('node:fs');
const Module = require('node:module');
const { setInterval } = require('node:timers');

const requested = new Set();
const load = Module._load;
Module._load = function loadAndRecord(request, ...rest) {
  requested.add(request);
  return load.call(this, request, ...rest);
};
let maxLiveHeap = 0;
if (typeof globalThis.gc === 'function') {
  const sample = () => {
    globalThis.gc();
    maxLiveHeap = Math.max(maxLiveHeap, process.memoryUsage().heapUsed);
  };
  setInterval(sample, 250).unref();
  process.once('beforeExit', sample);
}
process.once('exit', () => {
  const file = process.env.CNS_USAGE_FILE;
  if (!file) return;
  fs.writeFileSync(
    file,
    JSON.stringify({
      maxRssKb: process.resourceUsage().maxRSS,
      maxLiveHeapKb: Math.round(maxLiveHeap / 1024),
      requested: [...requested].sort(),
    }),
  );
});
