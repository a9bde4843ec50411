// cnsd under load on loopback (autocannon): GET /v1/recipe once its criteria are cached, against the
// server's most trivial route (/healthz) in the same run, alternating so both see the same machine
// load; the figure is the ratio of throughput and of p50/p99 latency. Then POST /v1/validate,
// POST /v1/diff and POST /v1/bundle (zips per second) with real documents, and the server's peak
// resident memory (VmHWM) over the whole run, with the Node options cnsd's Deployment gives it.
// BENCH_SECONDS (default 10) per measurement, BENCH_ROUNDS (default 2) alternations,
// BENCH_CONNECTIONS (default 32). Run after `npm run build`.
/* global fetch */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { parse } from 'yaml';
import { ROOT } from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DEMO = 'service=eks&accelerator=h100&os=ubuntu&intent=training';

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** cnsd runs with the Node options of its Deployment (the heap cap), as in a cluster. */
const DEPLOYED_NODE_OPTIONS = parse(
  readFileSync(`${ROOT}deploy/cnsd/deployment.yaml`, 'utf8'),
).spec.template.spec.containers[0].env.find((e) => e.name === 'NODE_OPTIONS').value;

async function startServer() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [`${ROOT}bin/cnsd.mjs`, '--port', String(port), '--log-level', 'warn'],
    {
      env: { ...process.env, CNSD_RATE_LIMIT_MAX: '0', NODE_OPTIONS: DEPLOYED_NODE_OPTIONS },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('cnsd did not become ready');
}

async function load(options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${options.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const peakRssMb = (pid) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const rssMb = (pid) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const yamlField = (name, text) => `${name}:\n  ${text.trimEnd().split('\n').join('\n  ')}\n`;
const fixture = (path) => readFileSync(`${ROOT}test/${path}`, 'utf8');

const { child, url } = await startServer();
try {
  await fetch(`${url}/v1/recipe?${DEMO}`);
  const trivial = [];
  const recipe = [];
  for (let round = 0; round < ROUNDS; round++) {
    trivial.push(await load({ url: `${url}/healthz` }));
    recipe.push(await load({ url: `${url}/v1/recipe?${DEMO}` }));
  }
  const mean = (runs, key) => runs.reduce((sum, run) => sum + run[key], 0) / runs.length;
  // The peak so far and the memory held now, after each phase: which load drives the peak.
  const row = (name, runs) =>
    `| ${name} | ${mean(runs, 'rps').toFixed(0)} | ${mean(runs, 'p50').toFixed(2)} ms | ${mean(runs, 'p99').toFixed(2)} ms | ${peakRssMb(child.pid).toFixed(0)} / ${rssMb(child.pid).toFixed(0)} MB |`;
  console.log(
    `node ${process.version}, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('| route | requests/s | p50 | p99 | peak / held RSS after |\n|---|---|---|---|---|');
  console.log(row('GET /healthz (trivial)', trivial));
  console.log(row('GET /v1/recipe (cached)', recipe));
  console.log(
    `ratio recipe/trivial: throughput ${(mean(recipe, 'rps') / mean(trivial, 'rps')).toFixed(2)} (target >= 0.7), ` +
      `p50 ${(mean(recipe, 'p50') / mean(trivial, 'p50')).toFixed(2)}, p99 ${(mean(recipe, 'p99') / mean(trivial, 'p99')).toFixed(2)} (latency: lower is better)`,
  );

  const validate = await load({
    url: `${url}/v1/validate`,
    method: 'POST',
    headers: { 'content-type': 'application/yaml' },
    body:
      yamlField('recipe', fixture('validate/fixtures/recipe-h100-eks-training.yaml')) +
      yamlField('snapshot', fixture('validate/fixtures/eks-h100-snapshot.yaml')),
  });
  console.log(row('POST /v1/validate (recipe + 20 KB snapshot, YAML)', [validate]));
  const diff = await load({
    url: `${url}/v1/diff`,
    method: 'POST',
    headers: { 'content-type': 'application/yaml' },
    body: `snapshots:\n${[
      fixture('diff/fixtures/eks-node-before.yaml'),
      fixture('diff/fixtures/eks-node-after.yaml'),
    ]
      .map((doc) => `  - ${doc.trimEnd().split('\n').join('\n    ')}`)
      .join('\n')}\n`,
  });
  console.log(row('POST /v1/diff (two snapshots, YAML)', [diff]));
  const recipeJson = await (await fetch(`${url}/v1/recipe?${DEMO}`)).text();
  const bundleRequest = {
    url: `${url}/v1/bundle?deployer=argocd`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: recipeJson,
  };
  // A few clients: bundles render two at a time (CNSD_BUNDLE_CONCURRENCY), more would only queue.
  const bundle = await load({ ...bundleRequest, connections: 4 });
  const zip = await fetch(bundleRequest.url, { ...bundleRequest });
  const zipKb = (await zip.arrayBuffer()).byteLength / 1024;
  console.log(
    row(`POST /v1/bundle (the demo's recipe, argocd, ${zipKb.toFixed(0)} KB zip)`, [bundle]),
  );
  console.log(
    `peak RSS of cnsd over the run: ${peakRssMb(child.pid).toFixed(1)} MB (target < 200 MB)`,
  );
} finally {
  child.kill('SIGTERM');
}
