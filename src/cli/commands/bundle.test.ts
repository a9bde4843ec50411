import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cnsctl, DEMO_CRITERIA_FLAGS, expectGolden } from '../../../test/cli/run-cli-in-process.js';
import { DEMO_SNAPSHOT_YAML } from '../../../test/fixtures/mini-catalog.js';

const DEMO_PLACEMENT = [
  '--system-node-selector',
  'nodeGroup=system-pool',
  '--accelerated-node-selector',
  'nodeGroup=customer-gpu',
  '--accelerated-node-toleration',
  'dedicated=user-workload:NoSchedule',
];

/** A work folder with the demo recipe (from flags) in recipe.yaml and the demo snapshot. */
async function workspace(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cnsctl-bundle-cli-'));
  const recipe = await cnsctl(['recipe', ...DEMO_CRITERIA_FLAGS, '-o', join(dir, 'recipe.yaml')]);
  expect(recipe.code).toBe(0);
  writeFileSync(join(dir, 'snapshot.yaml'), DEMO_SNAPSHOT_YAML);
  return dir;
}

describe('cnsctl bundle', () => {
  it('writes the bundle and prints what it wrote', async () => {
    const dir = await workspace();
    const run = await cnsctl([
      'bundle',
      '--recipe',
      join(dir, 'recipe.yaml'),
      '-o',
      join(dir, 'bundles'),
      ...DEMO_PLACEMENT,
      '--deployer',
      'argocd',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    await expectGolden(
      'bundle-demo-argocd.txt',
      run.stdout.replace(join(dir, 'bundles'), 'bundles'),
    );
    expect(readdirSync(join(dir, 'bundles'))).toContain('app-of-apps.yaml');
  });

  it.each(['zip', 'tar.gz'])(
    'writes a .%s with the same bytes on every run, dated SOURCE_DATE_EPOCH',
    async (kind) => {
      const dir = await workspace();
      const args = (name: string) => [
        'bundle',
        '--recipe',
        join(dir, 'recipe.yaml'),
        '-o',
        join(dir, name),
        ...DEMO_PLACEMENT,
      ];
      expect((await cnsctl(args(`a.${kind}`))).code).toBe(0);
      expect((await cnsctl(args(`b.${kind}`))).code).toBe(0);
      expect(
        readFileSync(join(dir, `a.${kind}`)).equals(readFileSync(join(dir, `b.${kind}`))),
      ).toBe(true);
      expect(
        (await cnsctl(args(`c.${kind}`), { env: { SOURCE_DATE_EPOCH: '1800000000' } })).code,
      ).toBe(0);
      expect(
        readFileSync(join(dir, `c.${kind}`)).equals(readFileSync(join(dir, `a.${kind}`))),
      ).toBe(false);
      const verify = await cnsctl(['bundle', 'verify', join(dir, `a.${kind}`)]);
      expect(verify.code).toBe(0);
    },
  );

  it.each([
    [
      'an unknown component in --set',
      ['--set', 'nope:driver.version=1'],
      'no component "nope" in this recipe',
    ],
    ['a malformed node selector', ['--system-node-selector', 'nodeGroup'], 'expected key=value'],
    [
      'a malformed toleration',
      ['--accelerated-node-toleration', 'dedicated=x:Sometimes'],
      'NoSchedule, PreferNoSchedule, NoExecute',
    ],
    [
      'an unknown deployer',
      ['--deployer', 'kustomize'],
      'Allowed choices are script, argocd, flux, helm',
    ],
    [
      'a removed component that another needs',
      ['--set', 'cert-manager:enabled=false'],
      'depends on cert-manager',
    ],
    [
      '--repo for the script deployer',
      ['--repo', 'https://example.com/g.git'],
      'do not apply to the script deployer',
    ],
    [
      'a --repo that is not a Git URL',
      ['--deployer', 'argocd', '--repo', 'not a url'],
      'not a Git repository URL',
    ],
  ])('refuses %s: one line, exit 2, nothing written', async (_, flags, message) => {
    const dir = await workspace();
    const run = await cnsctl([
      'bundle',
      '--recipe',
      join(dir, 'recipe.yaml'),
      '-o',
      join(dir, 'bundles'),
      ...flags,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(existsSync(join(dir, 'bundles'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['recipe.yaml', 'snapshot.yaml']);
  });

  it.each([
    [
      'a recipe file that is not a recipeResult',
      (dir: string) => ['--recipe', join(dir, 'snapshot.yaml'), '-o', join(dir, 'bundles')],
      'not a valid recipeResult',
    ],
    ['no --recipe', (dir: string) => ['-o', join(dir, 'bundles')], 'bundle needs --recipe'],
    [
      'a non-empty output directory',
      (dir: string) => ['--recipe', join(dir, 'recipe.yaml'), '-o', dir],
      'directory is not empty',
    ],
    [
      'an output under a file',
      (dir: string) => ['--recipe', join(dir, 'recipe.yaml'), '-o', join(dir, 'recipe.yaml', 'b')],
      'cannot write there',
    ],
    [
      'an output the system refuses',
      (dir: string) => ['--recipe', join(dir, 'recipe.yaml'), '-o', '/sys/cnsctl-bundle-test'],
      'cannot write there',
    ],
  ])('refuses %s: one line, exit 2, nothing written', async (_, args, message) => {
    const dir = await workspace();
    const run = await cnsctl(['bundle', ...args(dir)]);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['recipe.yaml', 'snapshot.yaml']);
  });
});

describe('cnsctl bundle verify', () => {
  it('passes an untouched bundle and reports every missing, extra and changed file with exit 1', async () => {
    const dir = await workspace();
    const bundle = join(dir, 'bundles');
    expect(
      (
        await cnsctl([
          'bundle',
          '--recipe',
          join(dir, 'recipe.yaml'),
          '-o',
          bundle,
          ...DEMO_PLACEMENT,
        ])
      ).code,
    ).toBe(0);
    const clean = await cnsctl(['bundle', 'verify', bundle]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/: all \d+ files match checksums\.txt\n$/);
    writeFileSync(join(bundle, 'gpu-operator/values.yaml'), 'driver: {version: "1"}\n');
    writeFileSync(join(bundle, 'notes.txt'), 'mine\n');
    mkdirSync(join(bundle, 'extra'));
    writeFileSync(join(bundle, 'extra/file.yaml'), 'x: 1\n');
    const { rmSync } = await import('node:fs');
    rmSync(join(bundle, 'nvsentinel/README.md'));
    const tampered = await cnsctl(['bundle', 'verify', bundle]);
    expect(tampered.code).toBe(1);
    await expectGolden('bundle-verify-tampered.txt', tampered.stdout.replaceAll(bundle, 'bundles'));
    const json = JSON.parse(
      (await cnsctl(['bundle', 'verify', bundle, '-t', 'json'])).stdout,
    ) as Record<string, unknown>;
    expect(json).toMatchObject({
      changed: ['gpu-operator/values.yaml'],
      missing: ['nvsentinel/README.md'],
      extra: ['extra/file.yaml', 'notes.txt'],
    });
  });

  it('exits 3 for a bundle that is not there and 2 for a folder without checksums', async () => {
    const dir = await workspace();
    expect((await cnsctl(['bundle', 'verify', join(dir, 'nope')])).code).toBe(3);
    const run = await cnsctl(['bundle', 'verify', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no checksums.txt');
  });
});
