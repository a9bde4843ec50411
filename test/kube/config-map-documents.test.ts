/**
 * `cm://namespace/name` against a real kube-apiserver: every command that reads or writes a document
 * does so through ConfigMaps (the help examples included), kubectl reads back what cnsctl wrote, a
 * document too large for a ConfigMap is refused with what to do instead, and concurrent writers are
 * settled by the conflict retries.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cnsctl, DEMO_CRITERIA_FLAGS } from '../cli/run-cli-in-process.js';
import { HOSTS_DIR, openFixtureHost } from '../snapshot/fixture-host.js';
import { kubectl } from './cluster-objects.js';
import {
  auditEvents,
  clients,
  createNamespace,
  describeCluster,
  KUBECONFIG,
} from './test-cluster.js';

const HOST_ROOT = `${HOSTS_DIR}ubuntu-gpu-node/root`;

describeCluster('cm:// documents', { timeout: 60_000 }, () => {
  let namespace: string;
  const cm = (name: string) => `cm://${namespace}/${name}`;
  const run = (...argv: string[]) =>
    cnsctl([...argv, '--kubeconfig', KUBECONFIG], { ports: { openHost: openFixtureHost } });
  const data = (name: string) =>
    JSON.parse(kubectl('-n', namespace, 'get', 'cm', name, '-o', 'jsonpath={.data}')) as Record<
      string,
      string
    >;
  const labels = (name: string) =>
    JSON.parse(
      kubectl('-n', namespace, 'get', 'cm', name, '-o', 'jsonpath={.metadata.labels}'),
    ) as Record<string, string>;

  beforeAll(async () => {
    namespace = await createNamespace('documents');
    const snapshot = await run(
      'snapshot',
      '--host-root',
      HOST_ROOT,
      '--node-name',
      'ip-10-0-182-128.ec2.internal',
      '-o',
      cm('cns-snapshot'),
    );
    expect(snapshot.code, snapshot.stderr).toBe(0);
  });

  it('stores a snapshot under snapshot.yaml, as kubectl -o jsonpath={.data.snapshot\\.yaml} reads it', () => {
    const text = kubectl(
      '-n',
      namespace,
      'get',
      'cm',
      'cns-snapshot',
      '-o',
      'jsonpath={.data.snapshot\\.yaml}',
    );
    expect((parse(text) as { kind: string }).kind).toBe('Snapshot');
    expect(labels('cns-snapshot')).toEqual({
      'app.kubernetes.io/managed-by': 'cnsctl',
      'app.kubernetes.io/version': '0.1.0',
      'cns.nvidia.com/kind': 'Snapshot',
    });
  });

  it('runs the demo through ConfigMaps: recipe from cm://, validate, bundle and diff from cm://, each result into cm://', async () => {
    const recipe = await run(
      'recipe',
      '--snapshot',
      cm('cns-snapshot'),
      '--intent',
      'training',
      '-o',
      cm('cns-recipe'),
    );
    expect(recipe.code, recipe.stderr).toBe(0);
    expect(Object.keys(data('cns-recipe'))).toEqual(['recipe.yaml']);
    expect(labels('cns-recipe')['cns.nvidia.com/kind']).toBe('recipeResult');

    const validation = await run(
      'validate',
      '--recipe',
      cm('cns-recipe'),
      '--snapshot',
      cm('cns-snapshot'),
      '-o',
      cm('cns-validation'),
      '-t',
      'json',
    );
    expect([0, 1]).toContain(validation.code);
    expect(Object.keys(data('cns-validation'))).toEqual(['validation.json']);

    const diff = await run('diff', cm('cns-snapshot'), cm('cns-snapshot'), '-o', cm('cns-diff'));
    expect(diff.code, diff.stderr).toBe(0);
    expect(labels('cns-diff')['cns.nvidia.com/kind']).toBe('SnapshotDiff');

    const bundles = join(mkdtempSync(join(tmpdir(), 'cns-bundle-')), 'bundles');
    const bundle = await run(
      'bundle',
      '--recipe',
      cm('cns-recipe'),
      '-o',
      bundles,
      '--deployer',
      'argocd',
    );
    expect(bundle.code, bundle.stderr).toBe(0);
    expect(readdirSync(bundles)).toEqual(expect.arrayContaining(['gpu-operator', 'checksums.txt']));

    const drift = await run('diff', '--recipe', cm('cns-recipe'), cm('cns-snapshot'), '-t', 'json');
    expect([0, 1]).toContain(drift.code);
    expect((JSON.parse(drift.stdout) as { kind: string }).kind).toBe('RecipeDrift');
  });

  it('reads what it wrote byte for byte: a criteria document in, the same recipe out', async () => {
    const criteria =
      'kind: recipeCriteria\napiVersion: cns.nvidia.com/v1alpha1\nmetadata:\n  name: demo\nspec:\n  service: eks\n  accelerator: h100\n  os: ubuntu\n  intent: training\n';
    kubectl(
      '-n',
      namespace,
      'create',
      'configmap',
      'criteria',
      `--from-literal=criteria.yaml=${criteria}`,
    );
    const fromCm = await run('recipe', '--criteria', cm('criteria'));
    const fromFlags = await run('recipe', ...DEMO_CRITERIA_FLAGS);
    expect(fromCm.code, fromCm.stderr).toBe(0);
    expect(fromCm.stdout).toBe(fromFlags.stdout);
  });

  it('names what is missing: no ConfigMap, no document in it', async () => {
    const missing = await run('recipe', '--snapshot', cm('absent'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe(
      `error: ${cm('absent')}: no ConfigMap "absent" in namespace "${namespace}" of cluster "cns-test" (${clients().config.getCurrentCluster()?.server})\n`,
    );
    kubectl(
      '-n',
      namespace,
      'create',
      'configmap',
      'two-keys',
      '--from-literal=a=1',
      '--from-literal=b=2',
    );
    const ambiguous = await run('recipe', '--snapshot', cm('two-keys'));
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(
      'the ConfigMap holds several keys (a, b) and none of cnsctl',
    );
  });

  it('refuses a document over the 1 MiB a ConfigMap holds, saying what to do instead, and writes nothing', async () => {
    // Two snapshots that differ in 20,000 long values: their diff is a document of about 3 MB.
    const dir = mkdtempSync(join(tmpdir(), 'cns-big-'));
    const snapshotWith = (value: string) =>
      JSON.stringify({
        kind: 'Snapshot',
        apiVersion: 'cns.nvidia.com/v1alpha1',
        metadata: { 'source-node': `node-${value}` },
        measurements: [
          {
            type: 'OS',
            subtypes: [
              {
                subtype: 'sysctl',
                data: Object.fromEntries(
                  Array.from({ length: 20_000 }, (_, i) => [
                    `/proc/sys/test/key-${i}`,
                    `${value}-${'x'.repeat(40)}`,
                  ]),
                ),
              },
            ],
          },
        ],
      });
    writeFileSync(join(dir, 'a.json'), snapshotWith('a'));
    writeFileSync(join(dir, 'b.json'), snapshotWith('b'));
    const big = await run('diff', join(dir, 'a.json'), join(dir, 'b.json'), '-o', cm('too-big'));
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(
      new RegExp(
        `^error: cm://${namespace}/too-big: the document is \\d+ bytes, over the 1048576 bytes a ConfigMap can hold; write it to a file \\(-o FILE\\) instead`,
      ),
    );
    await expect(
      clients().core.readNamespacedConfigMap({ namespace, name: 'too-big' }),
    ).rejects.toMatchObject({ code: 404 });
    const table = await run('recipe', ...DEMO_CRITERIA_FLAGS, '-t', 'table', '-o', cm('table'));
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('a ConfigMap holds cnsctl documents');
  });

  it('settles concurrent writers: every write lands whole, the last one wins', async () => {
    const writes = await Promise.all(
      ['eks', 'gke', 'aks', 'oke', 'kind'].map((service) =>
        run('recipe', '--service', service, '--intent', 'training', '-o', cm('contended')),
      ),
    );
    for (const write of writes) expect(write.code, write.stderr).toBe(0);
    const stored = parse(data('contended')['recipe.yaml'] ?? '') as {
      criteria: { service: string };
    };
    expect(['eks', 'gke', 'aks', 'oke', 'kind']).toContain(stored.criteria.service);
    // The API server answered some of them 409 (created meanwhile, or changed since read): retried.
    const conflicts = () =>
      auditEvents().filter(
        (e) =>
          e.objectRef?.namespace === namespace &&
          e.objectRef.name === 'contended' &&
          e.responseStatus?.code === 409,
      ).length;
    await expect.poll(conflicts, { timeout: 5_000 }).toBeGreaterThan(0);
  });
});
