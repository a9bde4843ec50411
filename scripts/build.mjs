// Builds the shipped CLI: validates data/ into dist/catalog.json, bundles src/cli/main.ts into one
// CommonJS file (fast to start; heavy optional dependencies stay external and load only when used),
// then runs it as a user would, which saves the V8 code cache bin/cnsctl.cjs starts it from; then
// bundles the server, cnsd.
import { spawnSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { buildExplorer } from './build-explorer.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = `${root}dist`;

// Packages left out of the bundle and loaded from node_modules only by the commands that need them:
// the Kubernetes client, and the archive libraries that only `bundle -o x.zip|x.tar.gz` and
// `bundle verify` use (in the bundle they would add 200 kB that every command reads at start-up).
const EXTERNAL = ['@kubernetes/client-node', 'tar', 'yazl', 'yauzl'];

// esbuild keeps `import()` of Node built-ins and external packages as a real import() even in CJS
// output, and code compiled through vm.Script (bin/cnsctl.cjs) cannot run a real import() without an
// experimental loader. This turns each such import() into a lazily evaluated require() (Node >= 20.19
// can require ES modules), so it still loads only when reached.
const lazyRequireForDynamicImports = {
  name: 'lazy-require-for-dynamic-imports',
  setup(pluginBuild) {
    const isExternal = (path) =>
      path.startsWith('node:') || EXTERNAL.some((e) => path === e || path.startsWith(`${e}/`));
    pluginBuild.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' && isExternal(args.path)
        ? { path: args.path, namespace: 'lazy-require' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

// commander requires node:child_process at load time, only to run external subcommands, which cnsctl
// has none of; loading it (with net, dgram and streams) costs every command a few milliseconds of
// start-up. Inside commander, the require becomes a proxy that loads the module on first use.
const lazyChildProcessInCommander = {
  name: 'lazy-child-process-in-commander',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.kind === 'require-call' && args.importer.includes('/node_modules/commander/')
        ? { path: 'node:child_process', namespace: 'lazy-child-process' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents:
        'let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require("node:child_process"))[key] });',
      loader: 'js',
    }));
  },
};

await rm(dist, { recursive: true, force: true });
await mkdir(`${root}.cache`, { recursive: true });
await mkdir(dist, { recursive: true });

await build({
  entryPoints: [`${root}scripts/compile-catalog.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: `${root}.cache/compile-catalog.mjs`,
  logLevel: 'warning',
});
const { compileCatalog } = await import(`${root}.cache/compile-catalog.mjs?${Date.now()}`);
try {
  const count = await compileCatalog(`${root}data`, `${dist}/catalog.json`);
  process.stderr.write(`build: ${count} data files validated into dist/catalog.json\n`);
} catch (error) {
  process.stderr.write(`build failed: ${error.message}\n`);
  process.exitCode = 2;
}

if (!process.exitCode) {
  await build({
    entryPoints: [`${root}src/cli/main.ts`],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: `${dist}/cnsctl.cjs`,
    // Whitespace and syntax only: identifiers stay readable in --debug stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    legalComments: 'none',
    external: EXTERNAL,
    plugins: [lazyRequireForDynamicImports, lazyChildProcessInCommander],
    define: { 'import.meta.url': '__cnsImportMetaUrl' },
    banner: {
      js: 'const __cnsImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    },
    logLevel: 'warning',
  });
  // Warm runs: the first saves dist/cnsctl.cjs.v8-<V8 version>.cache, the others refresh it, so it
  // holds the functions that recipe, snapshot, validate, diff, query and bundle compile (bin/cnsctl.cjs
  // explains why); they also prove that the bundle runs each command before it is shipped. With bundle
  // in it, a bundle takes 144 instead of 169 ms of CPU and recipe stays at 102-103 ms (medians of 20
  // interleaved runs, bench/README.md).
  const warm = `${root}.cache/warm`;
  await rm(warm, { recursive: true, force: true });
  await mkdir(warm, { recursive: true });
  const demo = [
    '--service',
    'eks',
    '--accelerator',
    'h100',
    '--os',
    'ubuntu',
    '--intent',
    'training',
  ];
  const runs = [
    ['recipe', ...demo, '-o', `${warm}/recipe.yaml`],
    ['snapshot', '-o', `${warm}/snapshot.yaml`],
    ['recipe', '--snapshot', `${warm}/snapshot.yaml`, '-t', 'table'],
    ['validate', '--recipe', `${warm}/recipe.yaml`, '--snapshot', `${warm}/snapshot.yaml`],
    ['diff', `${warm}/snapshot.yaml`, `${warm}/snapshot.yaml`],
    ['query', ...demo, '--selector', 'deploymentOrder'],
    ['bundle', '--recipe', `${warm}/recipe.yaml`, '--deployer', 'argocd', '-o', `${warm}/bundle`],
  ];
  for (const [index, args] of runs.entries()) {
    const result = spawnSync(process.execPath, [`${root}bin/cnsctl.cjs`, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, CNS_CODE_CACHE_REFRESH: index === 0 ? '' : '1' },
    });
    // validate and diff exit 1 when they find something; that is a result, not a build failure.
    if (result.status !== 0 && result.status !== 1) {
      throw new Error(`warm-up cnsctl ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    }
  }
  process.stderr.write(
    `build: dist/cnsctl.cjs bundled, code cache saved for V8 ${process.versions.v8}\n`,
  );
  const explorer = await buildExplorer(root);
  process.stderr.write(
    `build: dist/explorer built (${(explorer.gzippedJsBytes / 1024).toFixed(1)} KiB of JavaScript gzipped)\n`,
  );

  // cnsd, the HTTP server, is its own bundle, so nothing of the HTTP framework reaches cnsctl's
  // (test/e2e/cnsd-bin.test.ts proves cnsctl never loads it). A long-running server gains nothing
  // from a single file or a code cache, so its libraries load from node_modules as ES modules.
  await build({
    entryPoints: [`${root}src/server/main.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: `${dist}/cnsd.mjs`,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  process.stderr.write('build: dist/cnsd.mjs bundled\n');
}
