// Builds the shipped CLI: validates data/ into dist/catalog.json, bundles src/cli/main.ts into one
// CommonJS file (fast to start; heavy optional dependencies stay external and load only when used),
// then runs it once so bin/cnsctl.cjs saves V8's code cache for it.
import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const dist = `${root}dist`;

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
    external: ['@kubernetes/client-node'],
    define: { 'import.meta.url': '__cnsImportMetaUrl' },
    banner: {
      js: 'const __cnsImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    },
    logLevel: 'warning',
  });
  // Warm run: saves dist/cnsctl.cjs.cache with the functions a recipe run compiles.
  execFileSync(
    process.execPath,
    [
      `${root}bin/cnsctl.cjs`,
      'recipe',
      '--service',
      'eks',
      '--accelerator',
      'h100',
      '--os',
      'ubuntu',
      '--intent',
      'training',
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  process.stderr.write('build: dist/cnsctl.cjs bundled, code cache saved\n');
}
