// The snapshot cnsctl took on a real H200 machine (test/fixtures/h200-node/README.md): what it recorded
// agrees with what our parser makes of the raw capture beside it, and the recipes validated against it
// pass or fail on the GPU model as they should. The run on that machine found the H200 recipe with no
// GPU model constraint at all, passing an H100 node; these cases keep that closed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { nvidiaSmiSubtypes } from '../../src/core/snapshot/gpu-measurements.js';
import { parseNvidiaSmi } from '../../src/core/snapshot/parse-nvidia-smi.js';
import { snapshotSchema } from '../../src/core/snapshot/snapshot.js';
import { cnsctl } from '../cli/run-cli-in-process.js';

const SNAPSHOT = 'test/fixtures/h200-node/snapshot.yaml';
const capture = (name: string) =>
  readFileSync(new URL(`../fixtures/h200-node/${name}`, import.meta.url), 'utf8');

describe('the snapshot cnsctl took on a real H200 machine', () => {
  const snapshot = snapshotSchema.parse(parseYaml(capture('snapshot.yaml')));

  it('holds the GPU facts our parser reads from the raw nvidia-smi capture', () => {
    const expected = nvidiaSmiSubtypes(parseNvidiaSmi(capture('nvidia-smi-q-x.xml')));
    const recorded = snapshot.measurements.find((m) => m.type === 'GPU')?.subtypes ?? [];
    expect(expected[0]?.data).toMatchObject({
      'gpu.model': 'NVIDIA H200',
      'gpu.product-architecture': 'Hopper',
      driver: '580.159.04',
    });
    for (const subtype of expected) expect(recorded).toContainEqual(subtype);
  });

  it('says which collectors had nothing to read there, and why', () => {
    expect(snapshot.collectors?.map(({ name, status }) => `${name} ${status}`)).toEqual([
      'gpu ok',
      'k8s unavailable',
      'os ok',
      'systemd unavailable',
    ]);
  });

  it('is detected as an H200 node on Ubuntu', async () => {
    const run = await cnsctl(['recipe', '--snapshot', SNAPSHOT, '--intent', 'training']);
    expect(run.code).toBe(0);
    expect(parseYaml(run.stdout).criteria).toMatchObject({ accelerator: 'h200', os: 'ubuntu' });
  });

  it.each<[string, 'passed' | 'failed', string[]]>([
    ['its own detected criteria', 'passed', ['--snapshot', SNAPSHOT, '--intent', 'training']],
    [
      'H200 on EKS',
      'passed',
      ['--service', 'eks', '--accelerator', 'h200', '--intent', 'training'],
    ],
    ['H200 on any service', 'passed', ['--accelerator', 'h200']],
    ['H100 on any service', 'failed', ['--accelerator', 'h100']],
    [
      'H100 on EKS',
      'failed',
      ['--service', 'eks', '--accelerator', 'h100', '--intent', 'training'],
    ],
    ['B200 on GKE', 'failed', ['--service', 'gke', '--accelerator', 'b200']],
    ['A100 on any service', 'failed', ['--accelerator', 'a100']],
    ['GB200 on EKS', 'failed', ['--service', 'eks', '--accelerator', 'gb200']],
  ])('validated against the recipe for %s, the GPU model has %s', async (_, status, criteria) => {
    const recipe = await cnsctl(['recipe', ...criteria]);
    expect(recipe.code).toBe(0);
    const run = await cnsctl(['validate', '--recipe', '-', '--snapshot', SNAPSHOT, '-t', 'json'], {
      stdin: recipe.stdout,
    });
    const results = (JSON.parse(run.stdout) as { results: { name: string }[] }).results;
    expect(results.find((r) => r.name === 'GPU.smi.gpu.model')).toMatchObject({
      status,
      actual: 'NVIDIA H200',
    });
    expect(run.code).toBe(status === 'failed' ? 1 : 0);
  });
});
