// Large-snapshot benchmark (issue 8 §2): reading (parse + schema check) and validating YAML and JSON
// snapshots of 1, 4, 16 and 64 MB, in process, then `cnsctl validate` end to end on the largest YAML.
// The snapshots grow in both directions (more keys per subtype and more subtypes), so work that is
// quadratic in the keys of one map shows. Time per MB must stay flat; target: the 64 MB YAML snapshot
// validates in under 30 s. BENCH_SIZES=1,4 limits the sizes (MB); BENCH_FORMATS=json the formats.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fmt, importTs, ROOT, syntheticSnapshot } from './lib.mjs';

const sizes = (process.env.BENCH_SIZES ?? '1,4,16,64').split(',').map(Number);
const formats = (process.env.BENCH_FORMATS ?? 'yaml,json').split(',');
const { parseDocumentText } = await importTs('src/core/shared/parse-document-text.ts');
const { parseWithSchema } = await importTs('src/core/shared/documents.ts');
const { snapshotSchema } = await importTs('src/core/snapshot/snapshot.ts');
const { toSnapshotYaml } = await importTs('src/core/snapshot/snapshot-yaml.ts');
const { runValidation } = await importTs('src/actions/validate/run-validation.ts');

const RECIPE = 'test/validate/fixtures/recipe-h100-eks-training.yaml';

/** A node scaled by `scale`: one sysctl map, the image and policy maps and the unit count all grow. */
function scaledSnapshot(scale) {
  const sysctl = { '/proc/sys/kernel/osrelease': '6.8.0-1043-aws' };
  for (let k = 0; k < 4000 * scale; k++)
    sysctl[`/proc/sys/net/ipv4/conf/eth${k % 512}/setting_${k}`] = String(k % 97);
  const units = Array.from({ length: Math.ceil(8 * scale) }, (_, u) => {
    const data = { ActiveState: 'active', Restart: 'always' };
    for (let k = 0; k < 120; k++) data[`Property${k}`] = k % 3 === 0 ? 'yes' : `value-${u}-${k}`;
    return { subtype: `unit-${u}.service`, data };
  });
  return syntheticSnapshot({
    sysctl,
    units,
    gpu: [{ subtype: 'smi', data: { driver: '570.133.20', 'gpu.model': 'NVIDIA H100 80GB HBM3' } }],
    imageCount: 600 * scale,
    policyKeys: 3000 * scale,
  });
}

const serialise = {
  yaml: (snapshot) => toSnapshotYaml(snapshot),
  json: (snapshot) => JSON.stringify(snapshot),
};

/** The snapshot text of about `megabytes` MB (within 2 %), found by scaling linearly. */
function textOfSize(format, megabytes) {
  const target = megabytes * 1e6;
  let scale = megabytes;
  for (;;) {
    const text = serialise[format](scaledSnapshot(scale));
    if (Math.abs(text.length - target) / target < 0.02) return text;
    scale *= target / text.length;
  }
}

const recipe = parseWithSchema(
  (await importTs('src/core/recipe/recipe-result.ts')).recipeResultSchema,
  parseDocumentText((await import('node:fs')).readFileSync(`${ROOT}${RECIPE}`, 'utf8'), RECIPE),
  RECIPE,
  'recipeResult',
);
const deps = { clock: { now: () => new Date(0) }, timer: performance, toolVersion: 'bench' };
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

const cpuMs = (start) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
};

console.log(
  `load average ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('| format | size | keys | parse | schema | validate | total | per MB | CPU |');
console.log('|---|---|---|---|---|---|---|---|---|');
let largestYaml;
for (const format of formats) {
  for (const size of sizes) {
    const text = textOfSize(format, size);
    if (format === 'yaml') largestYaml = text;
    globalThis.gc?.();
    const cpu = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const value = parseDocumentText(text, `bench.${format}`);
    const parseMs = ms(t0);
    const t1 = process.hrtime.bigint();
    const snapshot = parseWithSchema(snapshotSchema, value, `bench.${format}`, 'Snapshot');
    const schemaMs = ms(t1);
    const t2 = process.hrtime.bigint();
    const result = runValidation({ recipe, snapshot }, deps);
    const validateMs = ms(t2);
    const cpuTotal = cpuMs(cpu);
    const keys = snapshot.measurements.reduce(
      (n, m) => n + m.subtypes.reduce((k, s) => k + Object.keys(s.data).length, 0),
      0,
    );
    const total = parseMs + schemaMs + validateMs;
    const mb = text.length / 1e6;
    console.log(
      `| ${format} | ${mb.toFixed(1)} MB | ${keys} | ${fmt(parseMs)} | ${fmt(schemaMs)} | ${fmt(validateMs)} | ${fmt(total)} | ${fmt(total / mb)} | ${fmt(cpuTotal)} |`,
    );
    if (result.summary.failed > 0) throw new Error('bench snapshot should meet the demo recipe');
  }
}

if (largestYaml && process.env.BENCH_CLI !== '0') {
  mkdirSync(`${ROOT}.cache/bench`, { recursive: true });
  const file = `${ROOT}.cache/bench/large-snapshot.yaml`;
  writeFileSync(file, largestYaml);
  const start = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [`${ROOT}bin/cnsctl.cjs`, 'validate', '--recipe', RECIPE, '--snapshot', file, '-t', 'json'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const wall = ms(start);
  if (run.status !== 0) throw new Error(`cnsctl validate exited ${run.status}: ${run.stderr}`);
  console.log(
    `\ncnsctl validate --snapshot <${(largestYaml.length / 1e6).toFixed(1)} MB YAML>: ${fmt(wall)} wall (target < 30 s)`,
  );
}
