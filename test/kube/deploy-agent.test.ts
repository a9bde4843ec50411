/**
 * `cnsctl snapshot --deploy-agent` against a real kube-apiserver, with the harness playing the
 * scheduler, the kubelet (which runs our own agent entry point against a fixture host) and the Job
 * controller.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cnsctl } from '../cli/run-cli-in-process.js';
import { kubectl, kubectlWith, leftInCluster } from './cluster-objects.js';
import { startHarness, type Harness, type HarnessOptions } from './harness/harness.js';
import {
  clients,
  createNamespace,
  describeCluster,
  KUBECONFIG,
  uniqueName,
} from './test-cluster.js';

const POOL_LABEL = 'cns-test/pool';

interface Snapshot {
  kind: string;
  metadata: Record<string, unknown>;
  measurements: { type: string; subtypes: { subtype: string; data: Record<string, unknown> }[] }[];
}

describeCluster('snapshot --deploy-agent', { timeout: 120_000 }, () => {
  let namespace: string;
  let pool: string;
  let harness: Harness | undefined;

  beforeEach(async () => {
    namespace = await createNamespace('agent');
    pool = uniqueName('node');
  });
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  const nodeNamed = (suffix: string, host = 'ubuntu-gpu-node') => ({
    name: `${pool}-${suffix}`,
    labels: { [POOL_LABEL]: pool },
    host,
  });
  const start = async (options: Partial<HarnessOptions> = {}) => {
    harness = await startHarness({ namespace, nodes: [nodeNamed('a')], ...options });
    return harness;
  };
  const deploy = (
    args: readonly string[],
    options: { context?: string; namespace?: string } = {},
  ) =>
    cnsctl([
      'snapshot',
      '--deploy-agent',
      '--kubeconfig',
      KUBECONFIG,
      ...(options.context ? ['--context', options.context] : []),
      '--namespace',
      options.namespace ?? namespace,
      '--node-selector',
      `${POOL_LABEL}=${pool}`,
      ...args,
    ]);
  const remaining = () => leftInCluster(namespace);
  const readSnapshot = (name: string): Snapshot =>
    parse(
      kubectl('-n', namespace, 'get', 'cm', name, '-o', 'jsonpath={.data.snapshot\\.yaml}'),
    ) as Snapshot;
  const subtype = (snapshot: Snapshot, type: string, name: string) =>
    snapshot.measurements.find((m) => m.type === type)?.subtypes.find((s) => s.subtype === name)
      ?.data;

  it('writes the node snapshot to cm://<namespace>/cns-snapshot, readable with kubectl, and removes the rest', async () => {
    await start();
    const run = await deploy(['--cleanup']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`snapshot of ${pool}-a saved to cm://${namespace}/cns-snapshot`);
    const snapshot = readSnapshot('cns-snapshot');
    expect(snapshot.kind).toBe('Snapshot');
    expect(snapshot.metadata['source-node']).toBe(`${pool}-a`);
    // The agent read the fixture host through its host-root mount, and the cluster in-cluster.
    expect(subtype(snapshot, 'OS', 'release')?.ID).toBe('ubuntu');
    expect(subtype(snapshot, 'GPU', 'smi')).toBeDefined();
    expect(subtype(snapshot, 'K8s', 'node')).toMatchObject({
      name: `${pool}-a`,
      'kubelet-version': 'v1.34.2',
    });
    expect(subtype(snapshot, 'K8s', 'server')?.version).toBe('v1.34.2');
    // docs/commands/snapshot.md shows this run's stderr, with the demo's names.
    const shown = run.stderr
      .replace(
        /cluster "cns-test" \(https:\/\/127\.0\.0\.1:\d+\)/g,
        'cluster "prod" (https://api.prod.example:6443)',
      )
      .replaceAll(namespace, 'gpu-operator')
      .replaceAll(`${pool}-a`, 'ip-10-0-182-128.ec2.internal');
    const doc = readFileSync(new URL('../../docs/commands/snapshot.md', import.meta.url), 'utf8');
    const block = /\$ cnsctl snapshot --deploy-agent .*\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const documented = block.trimEnd().split('\n');
    const actual = shown.trimEnd().split('\n');
    // Progress lines depend on which pod states the watch happened to see (states are coalesced):
    // what was seen is a part of what the docs show, in order, and every other line is the same.
    const notProgress = (lines: string[]) => lines.filter((line) => !line.startsWith('agent: '));
    expect(notProgress(actual)).toEqual(notProgress(documented));
    let at = 0;
    for (const line of actual) {
      at = documented.indexOf(line, at);
      expect(at, `"${line}" in docs/commands/snapshot.md, in this order`).toBeGreaterThanOrEqual(0);
    }
    const labels = JSON.parse(
      kubectl('-n', namespace, 'get', 'cm', 'cns-snapshot', '-o', 'jsonpath={.metadata.labels}'),
    ) as Record<string, string>;
    expect(labels).toMatchObject({
      'cns.nvidia.com/kind': 'Snapshot',
      'app.kubernetes.io/version': '0.1.0',
    });
    expect(await remaining()).toEqual([]);
  });

  it.each([
    ['a file', (dir: string) => join(dir, 'snapshot.yaml')],
    ['stdout', () => '-'],
  ])('writes the snapshot to %s, leaving no ConfigMap behind', async (_name, output) => {
    await start();
    const dir = mkdtempSync(join(tmpdir(), 'cns-agent-'));
    const target = output(dir);
    const run = await deploy(['--cleanup', '-o', target, '-t', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const text = target === '-' ? run.stdout : readFileSync(target, 'utf8');
    expect((JSON.parse(text) as Snapshot).metadata['source-node']).toBe(`${pool}-a`);
    expect(
      (await clients().core.listNamespacedConfigMap({ namespace })).items.map(
        (c) => c.metadata?.name,
      ),
    ).not.toContain('cns-agent');
  });

  it('leaves the Job and RBAC without --cleanup, says so, and the command it prints removes them all', async () => {
    await start();
    const first = await deploy([]);
    expect(first.code, first.stderr).toBe(0);
    expect(await remaining()).toEqual(
      expect.arrayContaining([
        'job/cns-agent',
        'serviceaccount/cns-agent',
        `clusterrole/cnsctl:${namespace}:cns-agent`,
      ]),
    );
    // A second run takes over what the first left (the finished Job is replaced).
    const second = await deploy([]);
    expect(second.code, second.stderr).toBe(0);
    const command = /remove them with: (.*)$/m.exec(second.stderr)?.[1] ?? '';
    expect(command).toContain(`kubectl delete -n ${namespace}`);
    for (const part of command.split(' && ')) {
      const [, ...args] = part.split(' ');
      kubectl(...args);
    }
    await expect.poll(remaining, { timeout: 10_000 }).toEqual([]);
  });

  it('uses the names, pull secrets and selectors it is given, and pins nothing else', async () => {
    await start();
    const run = await deploy([
      '--job-name',
      'probe',
      '--service-account-name',
      'probe-agent',
      '--image-pull-secret',
      'regcred',
      '--toleration',
      'dedicated=gpu:NoSchedule',
      '--image',
      'registry.example.com/cnsctl:test',
      '--timeout',
      '30s',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const api = clients();
    const [pod] = (
      await api.core.listNamespacedPod({ namespace, labelSelector: 'cns.nvidia.com/agent=probe' })
    ).items;
    expect(pod?.spec).toMatchObject({
      serviceAccountName: 'probe-agent',
      imagePullSecrets: [{ name: 'regcred' }],
      nodeSelector: { [POOL_LABEL]: pool },
      tolerations: expect.arrayContaining([
        { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      ]),
      hostPID: true,
    });
    expect(pod?.spec?.containers[0]?.image).toBe('registry.example.com/cnsctl:test');
    expect(await remaining()).toEqual(
      expect.arrayContaining([
        'job/probe',
        'serviceaccount/probe-agent',
        'role/probe-agent',
        `clusterrole/cnsctl:${namespace}:probe-agent`,
      ]),
    );
    expect(run.stderr).toContain('-l cns.nvidia.com/agent=probe');
  });

  it('refuses to take over an object of the same name that cnsctl did not create, and undoes what it had made', async () => {
    await start();
    // Someone else's Role of the agent's name: the ServiceAccount is made first, then the Role clashes.
    await clients().rbac.createNamespacedRole({
      namespace,
      body: { metadata: { name: 'cns-agent' }, rules: [] },
    });
    const run = await deploy([]);
    expect(run.code).toBe(7);
    expect(run.stderr).toMatch(
      /role\/cns-agent exists and was not created by cnsctl; choose another --service-account-name or remove it/,
    );
    // Even without --cleanup: nothing ran, so nothing is worth leaving.
    expect(await remaining()).toEqual([]);
    expect(
      (await clients().rbac.readNamespacedRole({ namespace, name: 'cns-agent' })).metadata?.labels,
    ).toBeUndefined();
  });

  it('lists exactly the missing permissions and creates nothing; granting what it prints lets the same user deploy', async () => {
    await start();
    const admin = clients();
    // The limited user may already manage ConfigMaps and Jobs here, nothing else.
    await admin.rbac.createNamespacedRole({
      namespace,
      body: {
        metadata: { name: 'partial' },
        rules: [
          { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get', 'update'] },
          { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'get', 'delete'] },
        ],
      },
    });
    await admin.rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: 'partial' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'partial' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'limited' }],
      },
    });
    const refused = await deploy(['--cleanup'], { context: 'limited' });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('user "limited" may not do');
    expect(refused.stderr).toContain('nothing was created');
    const missing = [...refused.stderr.matchAll(/^ {2}- (.*)$/gm)].map((m) => m[1]);
    expect(missing).toContain(`create serviceaccounts in namespace "${namespace}"`);
    expect(missing).toContain('create clusterroles.rbac.authorization.k8s.io');
    expect(missing).toContain('list pods (all namespaces)');
    expect(missing).toContain('list clusterpolicies.nvidia.com');
    expect(missing).not.toContain(`create jobs.batch in namespace "${namespace}"`);
    expect(missing).not.toContain(`get configmaps in namespace "${namespace}"`);
    expect(await remaining()).toEqual([]);

    const manifest =
      /kubectl apply -f - <<'EOF'\n([\s\S]*?)\n {2}EOF/.exec(refused.stderr)?.[1] ?? '';
    kubectlWith({ input: manifest.replace(/^ {2}/gm, '') }, 'apply', '-n', namespace, '-f', '-');
    try {
      const granted = await deploy(['--cleanup'], { context: 'limited' });
      expect(granted.code, granted.stderr).toBe(0);
      expect(readSnapshot('cns-snapshot').kind).toBe('Snapshot');
    } finally {
      kubectl(
        'delete',
        'clusterrole,clusterrolebinding',
        'cnsctl-agent-deployer',
        '--ignore-not-found',
      );
    }
  });

  it('prints the failed agent’s last log lines and exits 6, cleaning up', async () => {
    await start({ behaviour: () => 'bad-token' });
    const run = await deploy(['--cleanup']);
    expect(run.code).toBe(6);
    expect(run.stderr).toContain(`warning: agent failed on ${pool}-a: exit code 4 (Error)\n`);
    // The agent's own error, as it wrote it, through the kubelet's log endpoint.
    expect(run.stderr).toMatch(
      /warning: last log lines of cns-agent-\w+:\n( {2}\| .*\n)* {2}\| error: the in-cluster API server \(.*\): the credentials were refused \(401 Unauthorized\) trying to get configmaps "cns-snapshot"/,
    );
    expect(run.stderr).toMatch(
      new RegExp(
        `error: cluster "cns-test" \\(.*\\): the agent failed on ${pool}-a: exit code 4 \\(Error\\) \\(its last log lines are above\\)\\n$`,
      ),
    );
    expect(await remaining()).toEqual([]);
  });

  it.each([
    [
      'an agent that never finishes: still running, with its log',
      { behaviour: () => 'hang' as const },
      [] as string[],
      /the agent did not finish within 3s: the agent was still running on node-.*-a[\s\S]*collecting…|collecting…[\s\S]*the agent did not finish within 3s: the agent was still running/,
    ],
    [
      'an image that cannot be pulled',
      { behaviour: () => 'image-pull-error' as const },
      [],
      /its container cannot start on .*: ImagePullBackOff Back-off pulling image "registry.invalid\/cnsctl:none".*check --image/,
    ],
    [
      'a node whose taint is not tolerated: the scheduler’s reason',
      {},
      ['--toleration', 'other=x:NoSchedule'],
      /no node can run it: 0\/1 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: gpu\}.*check --node-selector and --toleration/,
    ],
  ])(
    'times out on %s, saying where it was stuck, and cleans up (exit 5)',
    async (_name, harnessOptions, args, message) => {
      await start({
        ...harnessOptions,
        nodes: [
          { ...nodeNamed('a'), taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
        ],
      });
      const run = await deploy([
        '--cleanup',
        '--timeout',
        '3s',
        '--image',
        'registry.invalid/cnsctl:none',
        ...args,
      ]);
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toMatch(message);
      expect(await remaining()).toEqual([]);
    },
  );

  it('runs one agent per node with --all-nodes: a file per node, ready for the fleet diff', async () => {
    await start({ nodes: [nodeNamed('a'), nodeNamed('b', 'h100-minimal'), nodeNamed('c')] });
    const dir = join(mkdtempSync(join(tmpdir(), 'cns-fleet-')), 'snapshots');
    const run = await deploy(['--all-nodes', '--cleanup', '-o', dir, '--parallel', '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([`${pool}-a.yaml`, `${pool}-b.yaml`, `${pool}-c.yaml`]);
    expect(new Set(harness?.started.values())).toEqual(
      new Set([`${pool}-a`, `${pool}-b`, `${pool}-c`]),
    );
    const diff = await cnsctl(['diff', dir, '-t', 'json']);
    expect(diff.code, diff.stderr).toBe(1);
    const report = JSON.parse(diff.stdout) as { kind: string; nodes: unknown[] };
    expect(report.kind).toBe('FleetDiff');
    expect(await remaining()).toEqual([]);
  });

  it('writes a ConfigMap per node with --all-nodes and a cm:// prefix', async () => {
    await start({ nodes: [nodeNamed('a'), nodeNamed('b'), nodeNamed('c')] });
    const run = await deploy(['--all-nodes', '--cleanup']);
    expect(run.code, run.stderr).toBe(0);
    for (const suffix of ['a', 'b', 'c']) {
      expect(readSnapshot(`cns-snapshot-${pool}-${suffix}`).metadata['source-node']).toBe(
        `${pool}-${suffix}`,
      );
    }
    const diff = await cnsctl([
      'diff',
      '--kubeconfig',
      KUBECONFIG,
      ...['a', 'b', 'c'].map((s) => `cm://${namespace}/cns-snapshot-${pool}-${s}`),
    ]);
    expect([0, 1]).toContain(diff.code);
    expect(diff.stderr).not.toContain('error');
  });

  it('meets Pod Security "restricted" with --privileged=false, recording the cluster’s view only', async () => {
    const restricted = await createNamespace('restricted', {
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    harness = await startHarness({ namespace: restricted, nodes: [nodeNamed('a')] });
    const run = await deploy(['--cleanup', '--privileged=false', '-o', '-'], {
      namespace: restricted,
    });
    expect(run.code, run.stderr).toBe(0);
    const snapshot = parse(run.stdout) as Snapshot;
    expect(snapshot.measurements.map((m) => m.type)).toEqual(['K8s']);
    expect(subtype(snapshot, 'K8s', 'node')?.name).toBe(`${pool}-a`);
  });

  it('explains a privileged agent refused by Pod Security "restricted": the Job controller’s FailedCreate', async () => {
    const restricted = await createNamespace('restricted', {
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
    harness = await startHarness({ namespace: restricted, nodes: [nodeNamed('a')] });
    const run = await deploy(['--cleanup', '--timeout', '3s'], { namespace: restricted });
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(
      /the Job could not create its pod: Error creating: pods "cns-agent-\w+" is forbidden: violates PodSecurity "restricted:latest": .*privileged/,
    );
  });
});
