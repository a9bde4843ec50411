#!/usr/bin/env node
'use strict';
// Starts the bundled CLI with the start-up cache this Node offers: compiling the 1 MB bundle on every
// start costs more than a whole recipe build. The cache is only an optimisation: when it is missing,
// stale, rejected or cannot be written (a read-only install), the bundle compiles as usual.
// - Node >= 22.1: module.enableCompileCache(), Node's own cache, kept per user (NODE_COMPILE_CACHE,
//   else <tmpdir>/node-compile-cache) in one folder per Node version, so it works for read-only
//   installs and two versions never share an entry.
// - Node 20 has none, so the bundle compiles through vm.Script with V8's code cache, saved next to
//   the bundle in a file named by the V8 version: a cache from another V8 is rejected, and two
//   versions rewriting one file would evict each other on every start. It is saved at exit, so it
//   holds the functions the run compiled; the build runs several commands with
//   CNS_CODE_CACHE_REFRESH=1 so that the shipped cache covers each of them, not only the first.
const Module = require('node:module');
const path = require('node:path');

const file = path.join(__dirname, '..', 'dist', 'cnsctl.cjs');
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

if (typeof Module.enableCompileCache === 'function') {
  Module.enableCompileCache();
  require(file);
} else {
  runWithCodeCache();
}

function runWithCodeCache() {
  const fs = require('node:fs');
  const vm = require('node:vm');
  const cacheFile = `${file}.v8-${process.versions.v8}.cache`;
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
}
