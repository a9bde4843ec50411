// Bundle benchmarks (issue: bundle stage).
// 1. CLI wall time of the demo's stage-4 command (`cnsctl bundle` on the demo recipe with the demo's
//    placement flags) for each deployer, into a new directory, into one that --force replaces, and
//    into a .zip, each paired and interleaved with a bare `node -e 0`; the median of the per-pair
//    ratios. Target: ratio <= 2.
// 2. The size of each deployer's bundle as .zip and .tar.gz.
// 3. In process, once catalog and recipe are loaded: makeBundle p50/p99 (render only, no writing).
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { DEMO_CRITERIA, fmt, importTs, pairedTimes, percentile, ROOT } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 20);
if (!existsSync(`${ROOT}dist/cnsctl.cjs`)) throw new Error('run `npm run build` first');

const bin = [process.execPath, `${ROOT}bin/cnsctl.cjs`];
const work = `${ROOT}.cache/bench/bundle`;
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const recipe = `${work}/recipe.yaml`;
if (spawnSync(bin[0], [bin[1], 'recipe', ...DEMO_CRITERIA, '-o', recipe]).status !== 0)
  throw new Error('cnsctl recipe failed');
const placement = [
  '--system-node-selector',
  'nodeGroup=system-pool',
  '--accelerated-node-selector',
  'nodeGroup=customer-gpu',
  '--accelerated-node-toleration',
  'dedicated=user-workload:NoSchedule',
];
const bundle = (deployer, output) => [
  ...bin,
  'bundle',
  '--recipe',
  recipe,
  '-o',
  output,
  '--force',
  '--deployer',
  deployer,
  ...placement,
];

const floor = [process.execPath, '-e', '0'];
const ratio = (r) => `${fmt(r.commandMs)}, ratio ${r.ratio.toFixed(2)}`;
for (const deployer of ['script', 'argocd', 'flux', 'helm']) {
  // A new directory each run, as a first bundle is written; then the same one replaced (--force).
  const fresh = pairedTimes(floor, (i) => bundle(deployer, `${work}/${deployer}-${i}`), runs);
  const replaced = pairedTimes(floor, bundle(deployer, `${work}/${deployer}`), runs);
  const zipped = pairedTimes(floor, bundle(deployer, `${work}/${deployer}.zip`), runs);
  const sizes = ['zip', 'tar.gz'].map((kind) => {
    const file = `${work}/${deployer}.${kind}`;
    if (spawnSync(bundle(deployer, file)[0], bundle(deployer, file).slice(1)).status !== 0)
      throw new Error(`bundle ${deployer} ${kind} failed`);
    return `${kind} ${(statSync(file).size / 1024).toFixed(1)} KiB`;
  });
  console.log(
    `bundle ${deployer} (median of ${runs} pairs against node -e 0 at ${fmt(fresh.baselineMs)}; target <= 2): new directory ${ratio(fresh)}; replaced directory ${ratio(replaced)}; .zip ${ratio(zipped)}; ${sizes.join(', ')}`,
  );
}

const { makeBundle } = await importTs('src/actions/bundle/make-bundle.ts');
const { toBundleOptions } = await importTs('src/actions/bundle/to-bundle-options.ts');
const { parse } = await import('yaml');
const { readFileSync } = await import('node:fs');
const { catalog } = JSON.parse(readFileSync(`${ROOT}dist/catalog.json`, 'utf8'));
const recipeDocument = parse(readFileSync(recipe, 'utf8'));
const options = toBundleOptions(
  {
    deployer: 'argocd',
    systemNodeSelector: ['nodeGroup=system-pool'],
    acceleratedNodeSelector: ['nodeGroup=customer-gpu'],
    acceleratedNodeToleration: ['dedicated=user-workload:NoSchedule'],
  },
  'bench',
);
for (let i = 0; i < 50; i++) await makeBundle({ recipe: recipeDocument, options }, { catalog });
const samples = [];
for (let i = 0; i < 500; i++) {
  const start = process.hrtime.bigint();
  await makeBundle({ recipe: recipeDocument, options }, { catalog });
  samples.push(Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(
  `bundle render in process (argocd): p50 ${fmt(percentile(samples, 50))}, p99 ${fmt(percentile(samples, 99))} (500 renders)`,
);
