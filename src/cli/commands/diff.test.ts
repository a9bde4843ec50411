import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cnsctl, expectGolden } from '../../../test/cli/run-cli-in-process.js';
import { generateFleet, nodeName } from '../../../test/diff/generate-fleet.js';
import { fixturePath } from '../../../test/validate/read-fixture.js';
import type { FleetDiff } from '../../core/diff/compare-fleet.js';
import type { SnapshotDiff } from '../../core/diff/compare-snapshots.js';
import type { RecipeDrift } from '../../core/diff/evaluate-drift.js';
import { toJson, toYaml } from '../../core/shared/serialize.js';

const BEFORE = fixturePath('diff/eks-node-before.yaml');
const AFTER = fixturePath('diff/eks-node-after.yaml');
const RECIPE = fixturePath('validate/recipe-h100-eks-training.yaml');
const relative = (text: string) =>
  text
    .replaceAll(fixturePath('diff/x').slice(0, -1), '')
    .replaceAll(fixturePath('validate/x').slice(0, -1), '');
const errorCode = (stderr: string): unknown =>
  (JSON.parse(stderr.trim().split('\n')[0] ?? '{}') as { code?: unknown }).code;

let fleetDir = '';
beforeAll(async () => {
  fleetDir = await mkdtemp(join(tmpdir(), 'cnsctl-fleet-'));
  const fleet = generateFleet({
    nodes: 50,
    outliers: {
      17: {
        'OS.sysctl./proc/sys/kernel/osrelease': '6.8.0-1024-aws',
        'OS.grub.BOOT_IMAGE': '/boot/vmlinuz-6.8.0-1024-aws',
      },
      41: { 'GPU.smi.driver': '550.163.01', 'OS.kmod.nvidia_uvm': null },
    },
  });
  // Half YAML, half JSON, plus a file that is not a snapshot name: the directory reader takes both formats.
  await Promise.all(
    fleet.map(({ snapshot }, i) =>
      i % 2 === 0
        ? writeFile(join(fleetDir, `node-${String(i).padStart(2, '0')}.yaml`), toYaml(snapshot))
        : writeFile(join(fleetDir, `node-${String(i).padStart(2, '0')}.json`), toJson(snapshot)),
    ),
  );
  await writeFile(join(fleetDir, 'README.md'), 'not a snapshot');
});

describe('cnsctl diff (two snapshots)', () => {
  it('reports the kernel and driver changes of one node over time, exit code 1', async () => {
    const run = await cnsctl(['diff', BEFORE, AFTER]);
    expect(run.code).toBe(1);
    const report = parse(run.stdout) as SnapshotDiff;
    expect(report.kind).toBe('SnapshotDiff');
    expect(report.summary).toMatchObject({ status: 'different', added: 0, removed: 0, changed: 5 });
    expect(report.differences.find((d) => d.subtype === 'sysctl')?.changed).toEqual([
      { key: '/proc/sys/kernel/osrelease', a: '6.8.0-1024-aws', b: '6.8.0-1043-aws' },
    ]);
  });

  it('prints a readable table', async () => {
    const run = await cnsctl(['diff', BEFORE, AFTER, '-t', 'table']);
    expect(run.code).toBe(1);
    await expectGolden('../diff/golden/before-after-table.txt', relative(run.stdout));
  });

  it('exits 0 for two captures of an unchanged node', async () => {
    const run = await cnsctl(['diff', AFTER, AFTER, '-t', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as SnapshotDiff).summary.status).toBe('equal');
  });

  it.each([
    ['repeated --only', ['--only', 'GPU.smi.driver', '--only', 'OS.sysctl.*'], 2],
    ['repeated --ignore', ['--ignore', 'GPU.*', '--ignore', 'K8s.*'], 2],
    ['--no-default-ignores', ['--no-default-ignores'], 14],
  ])('adjusts the compared keys with %s', async (_name, flags, changed) => {
    const run = await cnsctl(['diff', BEFORE, AFTER, ...flags, '-t', 'json']);
    expect((JSON.parse(run.stdout) as SnapshotDiff).summary.changed).toBe(changed);
  });

  it('colours the table on a terminal only', async () => {
    expect(
      (await cnsctl(['diff', BEFORE, AFTER, '-t', 'table'], { isTTY: true })).stdout,
    ).toContain('\u001b[');
    expect(
      (
        await cnsctl(['diff', BEFORE, AFTER, '-t', 'table'], {
          isTTY: true,
          env: { NO_COLOR: '1' },
        })
      ).stdout,
    ).not.toContain('\u001b[');
    expect((await cnsctl(['diff', BEFORE, AFTER, '-t', 'table'])).stdout).not.toContain('\u001b[');
  });
});

describe('cnsctl diff (fleet)', () => {
  it('finds the two outliers among 50 nodes in a directory', async () => {
    const run = await cnsctl(['diff', fleetDir]);
    expect(run.code).toBe(1);
    const report = parse(run.stdout) as FleetDiff;
    expect(report.kind).toBe('FleetDiff');
    expect(report.summary).toMatchObject({ nodes: 50, differing: 4, outlierNodes: 2 });
    expect(report.outliers.map((o) => [o.node, o.keys.length])).toEqual([
      [nodeName(17), 2],
      [nodeName(41), 2],
    ]);
    expect(report.metadata.nodes[0]?.source).toBe(join(fleetDir, 'node-00.yaml'));
    expect(report.metadata.nodes[1]?.source).toBe(join(fleetDir, 'node-01.json'));
  });

  it('shows majority and outliers in the table, as in "kernel X on 49 nodes, Y on 1 node: name"', async () => {
    const run = await cnsctl(['diff', fleetDir, '-t', 'table']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  6.8.0-1043-aws  on 49 nodes\n');
    expect(run.stdout).toContain(`  6.8.0-1024-aws  on 1 node: ${nodeName(17)}\n`);
    await expectGolden('../diff/golden/fleet-50-table.txt', run.stdout);
  });

  it('takes the snapshots as arguments too, and exits 0 when they agree', async () => {
    const files = ['node-00.yaml', 'node-01.json', 'node-02.yaml'].map((f) => join(fleetDir, f));
    const run = await cnsctl(['diff', ...files, '-t', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as FleetDiff).summary).toMatchObject({
      status: 'uniform',
      nodes: 3,
    });
  });
});

describe('cnsctl diff --recipe (drift)', () => {
  it('reports no drift on the node the recipe was made for', async () => {
    const run = await cnsctl(['diff', '--recipe', RECIPE, AFTER]);
    expect(run.code).toBe(0);
    expect((parse(run.stdout) as RecipeDrift).summary.status).toBe('in-sync');
  });

  it('phrases a constraint the node no longer meets as drift', async () => {
    const text = (await readFile(AFTER, 'utf8')).replace(
      'osrelease: 6.8.0-1043-aws',
      'osrelease: 5.15.0-1050-aws',
    );
    const run = await cnsctl(['diff', '--recipe', RECIPE, '-', '-t', 'table'], { stdin: text });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'OS.sysctl./proc/sys/kernel/osrelease: expected >= 6.8, node has 5.15.0-1050-aws',
    );
    await expectGolden('../diff/golden/drift-table.txt', relative(run.stdout));
  });

  it('reports an H100 recipe as drifted on a GB200 node, and validate fails it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-gpu-'));
    const recipe = join(dir, 'recipe.yaml');
    const gb200 = join(dir, 'gb200-node.yaml');
    const demoFlags = ['--service', 'eks', '--accelerator', 'h100', '--os', 'ubuntu'];
    expect(
      (await cnsctl(['recipe', ...demoFlags, '--intent', 'training', '-o', recipe])).code,
    ).toBe(0);
    await writeFile(
      gb200,
      (await readFile(AFTER, 'utf8')).replace('NVIDIA H100 80GB HBM3', 'NVIDIA GB200'),
    );
    const drift = await cnsctl(['diff', '--recipe', recipe, gb200, '-t', 'json']);
    expect(drift.code).toBe(1);
    expect((JSON.parse(drift.stdout) as RecipeDrift).drift).toEqual([
      expect.objectContaining({
        name: 'GPU.smi.gpu.model',
        message: 'GPU.smi.gpu.model: expected ~= H100, node has NVIDIA GB200',
      }),
    ]);
    const validation = await cnsctl(['validate', '--recipe', recipe, '--snapshot', gb200]);
    expect(validation.code).toBe(1);
    expect(validation.stdout).toContain('status: fail');
  });
});

describe('cnsctl diff (bad input)', () => {
  it.each([
    ['a single snapshot', [BEFORE], 2, 'USAGE'],
    ['no snapshot at all', [], 2, 'USAGE'],
    ['--recipe with two snapshots', ['--recipe', RECIPE, BEFORE, AFTER], 2, 'USAGE'],
    ['stdin twice', ['-', '-'], 2, 'USAGE'],
    ['a malformed glob', [BEFORE, AFTER, '--only', 'OS.[x'], 2, 'USAGE'],
    ['a missing file', [BEFORE, '/nonexistent/after.yaml'], 3, 'NOT_FOUND'],
    ['a recipe given as a snapshot', [BEFORE, RECIPE], 2, 'INPUT_SCHEMA'],
  ])('refuses %s', async (_name, args, code, errorName) => {
    const run = await cnsctl(['diff', ...args, '--log-json']);
    expect(run.code).toBe(code);
    expect(errorCode(run.stderr)).toBe(errorName);
    expect(run.stdout).toBe('');
  });

  it('refuses a directory without snapshots with NOT_FOUND', async () => {
    const empty = join(await mkdtemp(join(tmpdir(), 'cnsctl-empty-')), 'nothing');
    await mkdir(empty);
    const run = await cnsctl(['diff', empty, '--log-json']);
    expect(run.code).toBe(3);
    expect(errorCode(run.stderr)).toBe('NOT_FOUND');
  });

  it('refuses malformed YAML with exit code 2 and no stack trace', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'cnsctl-bad-')), 'bad.yaml');
    await writeFile(file, 'kind: Snapshot\n  measurements: {\n');
    const run = await cnsctl(['diff', BEFORE, file]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('    at ');
  });
});
