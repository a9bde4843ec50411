import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEMO_SNAPSHOT_YAML } from '../../../test/fixtures/mini-catalog.js';
import { DEMO_CRITERIA_FLAGS, cnsctl, expectGolden } from '../../../test/cli/run-cli-in-process.js';
import type { RecipeResult } from '../../core/recipe/recipe-result.js';

const DEMO = ['recipe', ...DEMO_CRITERIA_FLAGS];

const tempDir = () => mkdtemp(join(tmpdir(), 'cnsctl-recipe-'));

describe('cnsctl recipe', () => {
  it("gives the demo's constraints and components for eks/h100/ubuntu/training", async () => {
    const run = await cnsctl(DEMO);
    expect(run.code).toBe(0);
    const recipe = parse(run.stdout) as RecipeResult;
    expect(recipe.kind).toBe('recipeResult');
    expect(recipe.apiVersion).toBe('cns.nvidia.com/v1alpha1');
    expect(recipe.constraints.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'K8s.server.version', value: '>= 1.30' },
      { name: 'GPU.smi.gpu.model', value: '~= H100' },
      { name: 'OS.release.ID', value: 'ubuntu' },
      { name: 'OS.release.VERSION_ID', value: '24.04' },
      { name: 'OS.sysctl./proc/sys/kernel/osrelease', value: '>= 6.8' },
    ]);
    const versions = Object.fromEntries(recipe.componentRefs.map((c) => [c.name, c.version]));
    expect(versions).toMatchObject({ 'cert-manager': 'v1.17.2', 'gpu-operator': 'v25.10.1' });
    expect(Object.keys(versions)).toEqual(expect.arrayContaining(['nvsentinel', 'skyhook']));
    const order = recipe.deploymentOrder;
    expect(order.indexOf('cert-manager')).toBeLessThan(order.indexOf('gpu-operator'));
    expect(run.stdout).toContain('value: "24.04"');
  });

  it('writes byte-identical output on every run when SOURCE_DATE_EPOCH is set', async () => {
    const [first, second] = await Promise.all([cnsctl(DEMO), cnsctl(DEMO)]);
    expect(first.stdout).toBe(second.stdout);
    expect((parse(first.stdout) as RecipeResult).metadata.generatedAt).toBe(
      '2026-01-13T13:05:58.000Z',
    );
    await expectGolden('recipe-eks-h100-ubuntu-training.yaml', first.stdout);
  });

  it('differs between runs only in generatedAt without SOURCE_DATE_EPOCH', async () => {
    const first = await cnsctl(DEMO, { env: { SOURCE_DATE_EPOCH: '' } });
    const second = await cnsctl(DEMO, { env: { SOURCE_DATE_EPOCH: '' } });
    const strip = (text: string) => text.replace(/generatedAt: .*/, '');
    expect(strip(first.stdout)).toBe(strip(second.stdout));
  });

  it('builds from a snapshot: criteria detected, the intent from the flag, the driver locked', async () => {
    const run = await cnsctl(['recipe', '--snapshot', '-', '--intent', 'training'], {
      stdin: DEMO_SNAPSHOT_YAML,
    });
    expect(run.code).toBe(0);
    const recipe = parse(run.stdout) as RecipeResult;
    expect(recipe.criteria).toMatchObject({
      service: 'eks',
      accelerator: 'h100',
      os: 'ubuntu',
      intent: 'training',
    });
    const gpu = recipe.componentRefs.find((c) => c.name === 'gpu-operator');
    expect(gpu?.overrides).toMatchObject({ driver: { version: '570.133.20' } });
    expect(recipe.metadata.excludedOverlays).toEqual([]);
    expect(run.stderr).toContain(
      'building recipe from snapshot: criteria(service=eks, accelerator=h100, os=ubuntu, intent=training)',
    );
  });

  it('lets flags override criteria detected from the snapshot', async () => {
    const run = await cnsctl(['recipe', '--snapshot', '-', '--os', 'rhel'], {
      stdin: DEMO_SNAPSHOT_YAML,
    });
    expect((parse(run.stdout) as RecipeResult).criteria).toMatchObject({
      service: 'eks',
      os: 'rhel',
    });
  });

  it('reads criteria from a recipeCriteria document, with flags winning', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'criteria.yaml'),
      'kind: recipeCriteria\napiVersion: cns.nvidia.com/v1alpha1\nspec:\n  service: gke\n  os: cos\n  accelerator: h100\n',
    );
    const run = await cnsctl([
      'recipe',
      '--criteria',
      join(dir, 'criteria.yaml'),
      '--intent',
      'inference',
      '-t',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as RecipeResult).criteria).toMatchObject({
      service: 'gke',
      os: 'cos',
      accelerator: 'h100',
      intent: 'inference',
    });
  });

  it('writes to a file with -o and prints nothing on stdout', async () => {
    const dir = await tempDir();
    const run = await cnsctl([...DEMO, '-o', join(dir, 'out', 'recipe.yaml')]);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(parse(await readFile(join(dir, 'out', 'recipe.yaml'), 'utf8'))).toMatchObject({
      kind: 'recipeResult',
    });
  });

  it('prints a readable table', async () => {
    const run = await cnsctl([...DEMO, '-t', 'table']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Recipe for service=eks, accelerator=h100, os=ubuntu, intent=training/,
    );
    expect(run.stdout).toMatch(/K8s\.server\.version\s+>= 1\.30/);
    expect(run.stdout).toMatch(/gpu-operator\s+v25\.10\.1\s+gpu-operator/);
  });

  it.each([
    ['an unknown service', ['recipe', '--service', 'ekss'], 2, /eks, gke, aks, oke, kind, any/],
    ['an unknown format', [...DEMO, '-t', 'xml'], 2, /yaml, json, table/],
    ['an unknown flag', ['recipe', '--servce', 'eks'], 2, /unknown option '--servce'/],
    [
      'a missing snapshot file',
      ['recipe', '--snapshot', '/nonexistent/snap.yaml'],
      3,
      /\/nonexistent\/snap\.yaml: no such file/,
    ],
    [
      'an unknown location scheme',
      ['recipe', '--snapshot', 's3://bucket/snapshot.yaml'],
      2,
      /s3:\/\/bucket\/snapshot.yaml: unsupported location "s3:\/\/"/,
    ],
    [
      'a ConfigMap where no cluster is configured',
      ['recipe', '--snapshot', 'cm://gpu-operator/cns-snapshot'],
      6,
      /^error: cm:\/\/gpu-operator\/cns-snapshot: no kubeconfig \(KUBECONFIG, ~\/.kube\/config\) or in-cluster service account found\n$/,
    ],
    [
      'a ConfigMap with a kubeconfig that does not exist',
      [
        'recipe',
        '--snapshot',
        'cm://gpu-operator/cns-snapshot',
        '--kubeconfig',
        '/nonexistent/kubeconfig',
      ],
      3,
      /^error: cm:\/\/gpu-operator\/cns-snapshot: kubeconfig \/nonexistent\/kubeconfig: no such file\n$/,
    ],
    [
      'a malformed ConfigMap location',
      ['recipe', '--snapshot', 'cm://Gpu_Operator/cns-snapshot'],
      2,
      /cm:\/\/Gpu_Operator\/cns-snapshot: "Gpu_Operator" is not a namespace name/,
    ],
    [
      'stdin named for both the snapshot and the criteria',
      ['recipe', '--snapshot', '-', '--criteria', '-'],
      2,
      /^error: stdin \(-\) can be read only once, but --criteria and --snapshot each name it; give all but one as a file or URL\n$/,
    ],
  ])('exits with a clear message on %s', async (_name, argv, code, message) => {
    const run = await cnsctl(argv);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('refuses a recipeCriteria document with a misspelt key instead of ignoring it', async () => {
    const run = await cnsctl(['recipe', '--criteria', '-'], {
      stdin:
        'kind: recipeCriteria\napiVersion: cns.nvidia.com/v1alpha1\nspec:\n  servce: eks\n  accelerator: h100\n',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/<stdin>: not a valid recipeCriteria at spec: unknown key "servce"/);
    expect(run.stdout).toBe('');
  });

  it('refuses a SOURCE_DATE_EPOCH that is not whole seconds, naming it', async () => {
    const run = await cnsctl(DEMO, { env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: SOURCE_DATE_EPOCH must be whole seconds since 1970, got "yesterday"\n',
    );
    expect(run.stdout).toBe('');
  });

  it('names the file and line when a snapshot is not YAML', async () => {
    const dir = await tempDir();
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'kind: Snapshot\nmeasurements:\n  - type: OS\n   subtypes: [\n');
    const run = await cnsctl(['recipe', '--snapshot', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:4:`);
  });

  it('names the missing field when a snapshot has the wrong shape', async () => {
    const run = await cnsctl(['recipe', '--snapshot', '-'], {
      stdin:
        'kind: Snapshot\napiVersion: cns.nvidia.com/v1alpha1\nmeasurements:\n  - subtypes: []\n',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('measurements[0].type');
  });

  it('shows details and the stack only with --debug', async () => {
    const run = await cnsctl(['--debug', 'recipe', '--snapshot', '/nonexistent.yaml']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('code: NOT_FOUND');
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('writes errors as JSON lines with --log-json', async () => {
    const run = await cnsctl(['--log-json', 'recipe', '--snapshot', '/nonexistent.yaml']);
    expect(JSON.parse(run.stderr.trim())).toMatchObject({ level: 'error', code: 'NOT_FOUND' });
  });

  it('lays a --data directory over the embedded data', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'registry.yaml'),
      [
        'apiVersion: cns.nvidia.com/v1alpha1',
        'kind: ComponentRegistry',
        'components:',
        '  - name: my-operator',
        '    displayName: My operator',
        '    helm: { repository: "https://charts.example.invalid", chart: my-operator }',
        '    namespace: my-operator',
      ].join('\n'),
    );
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'overlays'));
    await writeFile(
      join(dir, 'overlays', 'my-eks.yaml'),
      [
        'apiVersion: cns.nvidia.com/v1alpha1',
        'kind: RecipeOverlay',
        'metadata: { name: my-eks }',
        'spec:',
        '  base: eks',
        '  criteria: { service: eks, platform: kubeflow, intent: inference, accelerator: a100 }',
        '  componentRefs:',
        '    - { name: my-operator, version: "1.2.3", dependencyRefs: [cert-manager] }',
      ].join('\n'),
    );
    const run = await cnsctl([
      'recipe',
      '--data',
      dir,
      '--service',
      'eks',
      '--platform',
      'kubeflow',
      '--intent',
      'inference',
      '--accelerator',
      'a100',
      '-t',
      'json',
    ]);
    expect(run.stderr).toBe('');
    const recipe = JSON.parse(run.stdout) as RecipeResult;
    expect(recipe.metadata.appliedOverlays).toContain('my-eks');
    expect(recipe.componentRefs.find((c) => c.name === 'my-operator')).toMatchObject({
      version: '1.2.3',
      namespace: 'my-operator',
    });
  });

  it('rejects a --data directory with invalid data, naming the file', async () => {
    const dir = await tempDir();
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'overlays'));
    await writeFile(
      join(dir, 'overlays', 'bad.yaml'),
      'apiVersion: cns.nvidia.com/v1alpha1\nkind: RecipeOverlay\nmetadata: { name: bad }\nspec:\n  base: nowhere\n',
    );
    const run = await cnsctl(['recipe', '--data', dir, '--service', 'eks']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('overlays/bad.yaml');
    expect(run.stderr).toContain('nowhere');
  });
});
