// Recipe benchmarks (issue: foundation and recipe stage; issue 7 §6 for the Node versions).
// 1. CLI wall time of `cnsctl recipe` (the demo's criteria) against a bare `node -e 0` of the same Node,
//    paired and interleaved on the same machine, median of at least 10 runs. Target: ratio <= 1.25.
//    `--node <path or version>` picks the Node that runs both (a version such as 24.22.3 is fetched
//    by .ci/node-binary); this process's Node otherwise.
// 2. In-process recipe build once the catalog is loaded: p50 and p99 of buildRecipe (in this process's
//    Node). Target: p50 < 1 ms.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_CRITERIA, fmt, importTs, median, pairedTimes, percentile, ROOT } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 20);
if (!existsSync(`${ROOT}dist/cnsctl.cjs`)) throw new Error('run `npm run build` first');
const { values: flags } = parseArgs({ options: { node: { type: 'string' } } });
const node = !flags.node
  ? process.execPath
  : /^\d+\.\d+\.\d+$/.test(flags.node)
    ? execFileSync(`${ROOT}.ci/node-binary`, [flags.node], { encoding: 'utf8' }).trim()
    : flags.node;
const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();

const demo = ['recipe', ...DEMO_CRITERIA];
const cli = pairedTimes([node, '-e', '0'], [node, `${ROOT}bin/cnsctl.cjs`, ...demo], runs);
console.log(
  `recipe CLI on Node ${nodeVersion}: node -e 0 ${fmt(cli.baselineMs)}, cnsctl recipe ${fmt(cli.commandMs)}, ratio ${cli.ratio.toFixed(2)} (median of ${runs} pairs; target <= 1.25)`,
);

const { buildRecipe } = await importTs('src/core/recipe/build-recipe.ts');
const { parseCriteria } = await importTs('src/core/recipe/criteria.ts');
const { catalog } = JSON.parse(readFileSync(`${ROOT}dist/catalog.json`, 'utf8'));
const criteria = parseCriteria({
  service: 'eks',
  accelerator: 'h100',
  os: 'ubuntu',
  intent: 'training',
});
const options = { criteria, generatedAt: new Date(0), toolVersion: 'bench' };
for (let i = 0; i < 200; i++) buildRecipe(catalog, options);
const samples = [];
for (let i = 0; i < 2000; i++) {
  const start = process.hrtime.bigint();
  buildRecipe(catalog, options);
  samples.push(Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(
  `recipe build in process: p50 ${fmt(percentile(samples, 50))}, p99 ${fmt(percentile(samples, 99))} (2000 builds; target p50 < 1 ms)`,
);

// 3. The Kubernetes client stays off every command that does not talk to a cluster: each runs under
//    bench/usage-hook.cjs, which records the modules asked for; and what importing it would cost.
const dir = mkdtempSync(join(tmpdir(), 'cns-bench-'));
const loads = (args) => {
  const file = join(dir, 'usage.json');
  spawnSync(process.execPath, [`${ROOT}bin/cnsctl.cjs`, ...args], {
    stdio: 'ignore',
    env: {
      ...process.env,
      NODE_OPTIONS: `--require ${ROOT}bench/usage-hook.cjs`,
      CNS_USAGE_FILE: file,
    },
  });
  return JSON.parse(readFileSync(file, 'utf8')).requested.includes('@kubernetes/client-node');
};
const commands = {
  recipe: [...demo, '-o', join(dir, 'recipe.yaml')],
  'snapshot (local)': ['snapshot', '-o', join(dir, 'snapshot.yaml')],
  validate: [
    'validate',
    '--recipe',
    join(dir, 'recipe.yaml'),
    '--snapshot',
    join(dir, 'snapshot.yaml'),
  ],
  diff: ['diff', join(dir, 'snapshot.yaml'), join(dir, 'snapshot.yaml')],
};
const loaded = Object.entries(commands).map(
  ([name, args]) => `${name} ${loads(args) ? 'LOADS' : 'no'}`,
);
console.log(`Kubernetes client loaded by: ${loaded.join(', ')} (target: no for each)`);
const imports = [];
for (let i = 0; i < 5; i++) {
  const result = spawnSync(
    process.execPath,
    [
      '-e',
      "const t = performance.now(); require('@kubernetes/client-node'); console.log(performance.now() - t)",
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  imports.push(Number(result.stdout));
}
console.log(
  `importing @kubernetes/client-node alone: median ${fmt(median(imports))} of 5 (what the commands above do not pay)`,
);
