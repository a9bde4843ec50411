// Builds the recipe explorer that cnsd serves at `/`: src/explorer bundled by esbuild (preact, no
// framework at run time beyond it) into dist/explorer/assets with content-hashed names, and an
// index.html naming them. Nothing is fetched from elsewhere at run time. Prints the gzipped size of
// all JavaScript (the budget is 150 KB; test/explorer/explorer-size.test.ts holds it).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const EXPLORER_DIR = 'dist/explorer';

const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%2376b900'/%3E%3C/svg%3E";

export async function buildExplorer(root) {
  const out = `${root}${EXPLORER_DIR}`;
  await mkdir(`${out}/assets`, { recursive: true });
  const result = await build({
    entryPoints: [`${root}src/explorer/main.tsx`, `${root}src/explorer/styles.css`],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: `${root}src/explorer/tsconfig.json`,
    outdir: `${out}/assets`,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs);
  const named = (suffix, name) =>
    basename(outputs.find((path) => path.endsWith(suffix) && basename(path).startsWith(name)));
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'" />
    <title>CNS recipe explorer</title>
    <link rel="icon" href="${ICON}" />
    <link rel="stylesheet" href="/assets/${named('.css', 'styles-')}" />
    <script type="module" src="/assets/${named('.js', 'main-')}"></script>
  </head>
  <body>
    <div id="app"><noscript>The recipe explorer needs JavaScript. The API it uses is described at /openapi.json.</noscript></div>
  </body>
</html>
`;
  await writeFile(`${out}/index.html`, html);
  let gzipped = 0;
  for (const path of outputs.filter((p) => p.endsWith('.js')))
    gzipped += gzipSync(await readFile(`${root}${path}`), { level: 9 }).length;
  return { gzippedJsBytes: gzipped };
}
