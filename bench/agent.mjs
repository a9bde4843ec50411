// Agent benchmark (issue: Kubernetes): `cnsctl snapshot --deploy-agent` of the shipped CLI against a
// real kube-apiserver, with the test harness playing scheduler, kubelet and Job controller (the agent
// is our own entry point, run in process by the harness). Reports the time from CLI start to the
// snapshot written with the agent's own collection excluded, and the API requests per run, counted
// by the API server (audit log). The harness is TypeScript under test/kube, so it runs under vitest
// (test/kube/agent-bench.test.ts, skipped by npm test); vitest's global setup starts the apiserver
// (scripts/k8s-test-apiserver.sh) unless CNS_TEST_KUBECONFIG names one.
// The fleet figures (200 nodes: requests per node, memory, batches) come from test/kube/scale.test.ts,
// run the same way: BENCH_FLEET=1 node bench/agent.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT } from './lib.mjs';

if (!existsSync(`${ROOT}dist/cnsctl.cjs`)) throw new Error('run `npm run build` first');
const files = [
  'test/kube/agent-bench.test.ts',
  ...(process.env.BENCH_FLEET === '1' ? ['test/kube/scale.test.ts'] : []),
];
const result = spawnSync(
  process.execPath,
  [`${ROOT}node_modules/vitest/vitest.mjs`, 'run', ...files, '--reporter=dot', '--silent=false'],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CNS_BENCH: '1' } },
);
process.exitCode = result.status ?? 1;
