#!/usr/bin/env node
'use strict';
// Starts the bundled CLI through V8's code cache. Node 20 has no module compile cache, and compiling
// the bundle on every start costs more than a whole recipe build. The cache is only an optimisation:
// when it is missing, stale or rejected, the bundle compiles as usual and a fresh cache is saved at
// exit (best effort: a read-only install simply skips saving). The build runs several commands with
// CNS_CODE_CACHE_REFRESH=1 so that the saved cache covers each of them, not only the first.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'cnsctl.cjs');
const cacheFile = `${file}.cache`;
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), {
  filename: file,
  cachedData,
});
if (
  cachedData === undefined ||
  script.cachedDataRejected ||
  process.env.CNS_CODE_CACHE_REFRESH === '1'
) {
  process.once('exit', () => {
    const temp = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, cacheFile);
    } catch {
      fs.rmSync(temp, { force: true });
    }
  });
}
const bundle = new Module(file, module);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(path.dirname(file));
script.runInThisContext()(
  bundle.exports,
  Module.createRequire(file),
  bundle,
  file,
  path.dirname(file),
);
