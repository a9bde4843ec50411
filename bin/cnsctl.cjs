#!/usr/bin/env node
'use strict';
// Starts the bundled CLI from a start-up cache: compiling the 1 MB bundle on every start costs more
// than a whole recipe build. The cache is only an optimisation: when it is missing, stale, rejected or
// cannot be saved, the bundle compiles as usual.
// - V8's code cache, through vm.Script, saved beside the bundle in a file named by the V8 version: a
//   cache from another V8 is rejected, and two Node versions rewriting one file would evict each
//   other on every start. It is saved at exit, so it holds every function the run compiled; the build
//   runs several commands with CNS_CODE_CACHE_REFRESH=1 so that the shipped cache covers each of them.
//   On Node 22 and 24 it costs recipe less CPU than Node's module compile cache, which holds only
//   the code compiled before the bundle runs (bench/README.md, "Under Node 20, 22 and 24").
// - Node's module compile cache (Node >= 22.1) when the install is read-only and holds no cache for
//   this V8: it lives per user (NODE_COMPILE_CACHE, else <tmpdir>/node-compile-cache), one folder per
//   Node version. Node 20 has none; there the bundle simply compiles.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const file = path.join(__dirname, '..', 'dist', 'cnsctl.cjs');
const cacheFile = `${file}.v8-${process.versions.v8}.cache`;
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
if (
  cachedData === undefined &&
  typeof Module.enableCompileCache === 'function' &&
  !writable(path.dirname(file))
) {
  Module.enableCompileCache();
  require(file);
} else {
  runWithCodeCache();
}

function writable(dir) {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function runWithCodeCache() {
  const vm = require('node:vm');
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
