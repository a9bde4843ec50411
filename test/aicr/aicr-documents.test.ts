// Documents of NVIDIA's aicr (issue 8 §3) read wherever cnsctl reads its own: validate, diff,
// recipe --snapshot and --criteria; and cnsctl's snapshots keep the shape aicr's reader loads (its
// snapshot metadata is a Go map[string]string).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cnsctl } from '../cli/run-cli-in-process.js';
import { fixturePath, readRecipeFixture, readSnapshotFixture } from '../validate/read-fixture.js';
import type { RecipeDrift } from '../../src/core/diff/evaluate-drift.js';
import type { RecipeResult } from '../../src/core/recipe/recipe-result.js';
import { snapshotSchema } from '../../src/core/snapshot/snapshot.js';
import type { ValidationResult } from '../../src/core/validate/validation-result.js';

const AICR_SNAPSHOT = fixturePath('aicr/snapshot-eks-h100.yaml');
const AICR_B200 = fixturePath('aicr/snapshot-b200.yaml');
const AICR_RECIPE = fixturePath('aicr/recipe-eks-training.yaml');
const AICR_GB200_RECIPE = fixturePath('aicr/recipe-gb200-eks-ubuntu-training.yaml');
const AICR_CRITERIA = fixturePath('aicr/criteria-gb200-eks-ubuntu-training.yaml');
const OUR_SNAPSHOT = fixturePath('validate/eks-h100-snapshot.yaml');
const DEMO_FLAGS = ['--service', 'eks', '--accelerator', 'h100', '--os', 'ubuntu'];

describe('reading aicr documents', () => {
  it('reads an aicr snapshot as ours: same measurements, metadata as strings, context ignored', () => {
    const snapshot = readSnapshotFixture('aicr/snapshot-eks-h100.yaml');
    expect(snapshot.apiVersion).toBe('cns.nvidia.com/v1alpha1');
    expect(snapshot.metadata).toEqual({
      'source-node': 'ip-10-0-182-128.ec2.internal',
      timestamp: '2026-01-13T13:02:29Z',
      version: 'v0.11.1',
    });
    const node = snapshot.measurements.find((m) => m.type === 'K8s')?.subtypes[1];
    expect(node).toEqual({ subtype: 'node', data: expect.objectContaining({ provider: 'eks' }) });
  });

  it('reads an aicr RecipeResult as a recipeResult, with every component field kept', () => {
    const recipe = readRecipeFixture('aicr/recipe-gb200-eks-ubuntu-training.yaml');
    expect(recipe).toMatchObject({ kind: 'recipeResult', apiVersion: 'cns.nvidia.com/v1alpha1' });
    expect(recipe.criteria).toMatchObject({ service: 'eks', accelerator: 'gb200', nodes: 8 });
    expect(recipe.metadata.constraintWarnings).toEqual([
      {
        overlay: 'gb200-eks-ubuntu-training',
        name: 'OS.release.VERSION_ID',
        expected: '24.04',
        actual: '22.04',
        status: 'failed',
        message: 'expected exactly 24.04',
      },
    ]);
    expect(recipe.componentRefs.find((c) => c.name === 'gpu-operator')).toMatchObject({
      chart: 'gpu-operator',
      source: 'https://helm.ngc.nvidia.com/nvidia',
      version: 'v25.3.3',
      valuesFile: 'components/gpu-operator/values-eks-training.yaml',
      overrides: { driver: { version: '580.82.07' } },
      dependencyRefs: ['cert-manager'],
      expectedResources: [expect.objectContaining({ kind: 'DaemonSet' })],
    });
    // aicr leaves a component with overrides.enabled: false out of its bundles; so does the reader.
    expect(recipe.componentRefs.map((c) => c.name)).not.toContain('aws-ebs-csi-driver');
    expect(recipe.deploymentOrder).not.toContain('aws-ebs-csi-driver');
  });

  it('validates our snapshot against an aicr recipe, severities included', async () => {
    const run = await cnsctl([
      'validate',
      '--recipe',
      AICR_GB200_RECIPE,
      '--snapshot',
      OUR_SNAPSHOT,
      '-t',
      'json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ValidationResult;
    expect(result.summary).toMatchObject({ passed: 4, failed: 0, total: 4, status: 'pass' });
    expect(result.results.find((r) => r.name === 'OS.release.VERSION_ID')?.severity).toBe(
      'warning',
    );
  });

  it('validates an aicr snapshot against our recipe, GPU model included', async () => {
    const recipe = await cnsctl(['recipe', ...DEMO_FLAGS, '--intent', 'training']);
    const run = await cnsctl(['validate', '--recipe', '-', '--snapshot', AICR_SNAPSHOT], {
      stdin: recipe.stdout,
    });
    expect(run.code).toBe(0);
    expect((parse(run.stdout) as ValidationResult).summary).toMatchObject({
      passed: 5,
      total: 5,
      status: 'pass',
    });
  });

  it('builds a recipe from an aicr snapshot, detecting the criteria and locking the driver', async () => {
    const run = await cnsctl(['recipe', '--snapshot', AICR_SNAPSHOT, '--intent', 'training']);
    expect(run.code).toBe(0);
    const recipe = parse(run.stdout) as RecipeResult;
    expect(recipe.criteria).toMatchObject({ service: 'eks', accelerator: 'h100', os: 'ubuntu' });
    expect(recipe.componentRefs.find((c) => c.name === 'gpu-operator')?.overrides).toMatchObject({
      driver: { version: '570.133.20' },
    });
  });

  it('builds a recipe from an aicr RecipeCriteria document', async () => {
    const run = await cnsctl(['recipe', '--criteria', AICR_CRITERIA, '-t', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as RecipeResult).criteria).toMatchObject({
      service: 'eks',
      accelerator: 'gb200',
      os: 'ubuntu',
      intent: 'training',
      nodes: 8,
    });
  });

  it.each([
    ['an aicr snapshot against an aicr recipe', AICR_RECIPE, AICR_SNAPSHOT, 0, 'in-sync'],
    ['an aicr B200 snapshot against our H100 recipe', 'ours', AICR_B200, 1, 'drifted'],
  ])('diffs %s', async (_name, recipeUri, snapshot, code, status) => {
    const ours = await cnsctl(['recipe', ...DEMO_FLAGS, '--intent', 'training']);
    const run = await cnsctl(
      ['diff', '--recipe', recipeUri === 'ours' ? '-' : recipeUri, snapshot, '-t', 'json'],
      { stdin: ours.stdout },
    );
    expect(run.code).toBe(code);
    expect((JSON.parse(run.stdout) as RecipeDrift).summary.status).toBe(status);
  });
});

describe('snapshots aicr can read', () => {
  it.each(['ubuntu-gpu-node', 'h100-minimal', 'no-gpu-host'])(
    'the %s golden snapshot has only strings in its metadata',
    (name) => {
      const text = readFileSync(
        new URL(`../snapshot/golden/${name}.yaml`, import.meta.url),
        'utf8',
      );
      const document = parse(text) as { metadata: Record<string, unknown> };
      for (const value of Object.values(document.metadata)) expect(typeof value).toBe('string');
      expect(['source-node', 'timestamp', 'version']).toEqual(
        expect.arrayContaining(Object.keys(document.metadata)),
      );
    },
  );

  it('reads the collector outcomes an earlier cnsctl wrote in metadata, and moves them out', () => {
    const snapshot = snapshotSchema.parse({
      kind: 'Snapshot',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      metadata: {
        'source-node': 'n1',
        version: 0.1,
        collectors: [{ name: 'gpu', status: 'unavailable', reason: 'no GPU' }],
      },
      measurements: [],
    });
    expect(snapshot.metadata).toEqual({ 'source-node': 'n1', version: '0.1' });
    expect(snapshot.collectors).toEqual([{ name: 'gpu', status: 'unavailable', reason: 'no GPU' }]);
  });

  it('writes JSON snapshots whose metadata is a map of strings', async () => {
    const run = await cnsctl(['snapshot', '-t', 'json'], {
      env: { KUBECONFIG: '/nonexistent/kubeconfig' },
    });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as {
      metadata: Record<string, unknown>;
      collectors: unknown[];
    };
    for (const value of Object.values(document.metadata)) expect(typeof value).toBe('string');
    expect(document.collectors.length).toBeGreaterThan(0);
  });
});
