'use strict';
// Loaded with `node --require bench/usage-hook.cjs` (NODE_OPTIONS) by benchmarks and tests that run
// the shipped CLI: on exit it writes to $CNS_USAGE_FILE the process's peak resident memory and every
// module it asked to load, so a run can be checked for what it pulled in (the Kubernetes client must
// load only for the commands that talk to a cluster) and for how much memory it took.
const fs = require('node:fs');
const Module = require('node:module');

const requested = new Set();
const load = Module._load;
Module._load = function loadAndRecord(request, ...rest) {
  requested.add(request);
  return load.call(this, request, ...rest);
};
process.once('exit', () => {
  const file = process.env.CNS_USAGE_FILE;
  if (!file) return;
  fs.writeFileSync(
    file,
    JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, requested: [...requested].sort() }),
  );
});
