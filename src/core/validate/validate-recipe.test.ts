import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecipeFixture, readSnapshotFixture } from '../../../test/validate/read-fixture.js';
import type { Constraint } from '../recipe/catalog-schema.js';
import { isCnsError } from '../shared/errors.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { validateRecipe } from './validate-recipe.js';

const eks = readSnapshotFixture('validate/eks-h100-snapshot.yaml');
const h100 = readSnapshotFixture('validate/h100-snapshot.yaml');

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return expect.unreachable('expected an error');
}

describe('validateRecipe', () => {
  it('passes every constraint of the demo recipe on the demo EKS node, as in the demo report', () => {
    const recipe = readRecipeFixture('validate/recipe-h100-eks-training.yaml');
    const { results, counts } = validateRecipe(recipe.constraints, eks);
    expect(counts).toEqual({
      passed: 4,
      failed: 0,
      warnings: 0,
      skipped: 0,
      total: 4,
      status: 'pass',
    });
    expect(results.map((r) => [r.name, r.expected, r.actual, r.status])).toEqual([
      ['K8s.server.version', '>= 1.30', 'v1.34.1-eks-3025e55', 'passed'],
      ['OS.release.ID', 'ubuntu', 'ubuntu', 'passed'],
      ['OS.release.VERSION_ID', '24.04', '24.04', 'passed'],
      ['OS.sysctl./proc/sys/kernel/osrelease', '>= 6.8', '6.8.0-1043-aws', 'passed'],
    ]);
  });

  describe('on the H100 fixture with severities and remediation', () => {
    const recipe = readRecipeFixture('validate/recipe-h100-checks.yaml');
    const { results, counts } = validateRecipe(recipe.constraints, h100);

    it.each([
      ['OS.release.ID', 'passed', 'ubuntu', 'error'],
      ['OS.release.VERSION_ID', 'passed', '24.04', 'error'],
      ['OS.sysctl./proc/sys/kernel/osrelease', 'passed', '6.18.44-fc-v657-gpu', 'error'],
      ['GPU.smi.driver', 'passed', '580.159.04', 'error'],
      ['GPU.smi.cuda-version', 'passed', '13.0', 'error'],
      ['GPU.gpu-0.mig-mode', 'failed', 'Disabled', 'warning'],
      ['OS.kmod.nvidia_peermem', 'skipped', undefined, 'warning'],
      ['OS.sysctl./proc/sys/kernel/numa_balancing', 'passed', '0', 'error'],
      ['K8s.server.version', 'skipped', undefined, 'error'],
      ['OS.sysctl./proc/sys/vm/swappiness', 'failed', '60', 'error'],
    ])('%s is %s with actual %s and severity %s', (name, status, actual, severity) => {
      const result = results.find((r) => r.name === name);
      expect(result).toMatchObject({ status, severity });
      expect(result?.actual).toBe(actual);
      expect(result?.message).not.toBe('');
    });

    it('keeps recipe order and carries remediation hints', () => {
      expect(results.map((r) => r.name)).toEqual(recipe.constraints.map((c) => c.name));
      expect(results.find((r) => r.name === 'OS.sysctl./proc/sys/vm/swappiness')?.remediation).toBe(
        'sysctl -w vm.swappiness=10 (Kubernetes nodes should not swap)',
      );
    });

    it('counts the failed warning in failed and warnings, and fails on the failed error', () => {
      expect(counts).toEqual({
        passed: 6,
        failed: 2,
        warnings: 1,
        skipped: 2,
        total: 10,
        status: 'fail',
      });
    });
  });

  it('passes a run whose only failures are warnings', () => {
    const constraints: Constraint[] = [
      { name: 'OS.release.ID', value: 'rhel', severity: 'warning' },
      { name: 'OS.release.VERSION_ID', value: '24.04' },
    ];
    expect(validateRecipe(constraints, h100).counts).toMatchObject({
      passed: 1,
      failed: 1,
      warnings: 1,
      status: 'pass',
    });
  });

  it('passes an empty recipe with nothing counted', () => {
    expect(validateRecipe([], h100).counts).toEqual({
      passed: 0,
      failed: 0,
      warnings: 0,
      skipped: 0,
      total: 0,
      status: 'pass',
    });
  });

  it.each([
    ['an ordering operator without a version', { name: 'K8s.server.version', value: '>= latest' }],
    ['an empty clause', { name: 'GPU.smi.driver', value: '>= 570,' }],
    ['an unknown operator', { name: 'OS.release.ID', value: '=> ubuntu' }],
    ['a name without a key', { name: 'OS.release', value: 'ubuntu' }],
  ])('refuses %s with BAD_CONSTRAINT naming it, before evaluating anything', (_what, bad) => {
    const constraints: Constraint[] = [{ name: 'OS.release.ID', value: 'ubuntu' }, bad];
    const error = thrown(() => validateRecipe(constraints, h100));
    expect(isCnsError(error) && error.code).toBe('BAD_CONSTRAINT');
    expect(isCnsError(error) && error.details).toMatchObject({
      name: bad.name,
      value: bad.value,
      index: 1,
    });
  });

  it('lists every bad constraint in the error details', () => {
    const constraints: Constraint[] = [
      { name: 'K8s.server.version', value: '>= x' },
      { name: 'OS.release.ID', value: 'ubuntu' },
      { name: 'GPU.smi.driver', value: '<' },
    ];
    const error = thrown(() => validateRecipe(constraints, h100));
    expect(isCnsError(error) && error.details.constraints).toEqual([
      { index: 0, name: 'K8s.server.version', value: '>= x' },
      { index: 2, name: 'GPU.smi.driver', value: '<' },
    ]);
  });

  it('gives every constraint one result and counts that add up (property)', () => {
    const keys = [
      'OS.release.ID',
      'OS.release.VERSION_ID',
      'GPU.smi.driver',
      'K8s.server.version',
      'OS.kmod.nvidia',
      'GPU.smi.nope',
    ];
    const values = ['ubuntu', '24.04', '>= 570', '< 580', '>= 1.30', 'true', '!= rhel', '== 24.04'];
    const constraint = fc.record({
      name: fc.constantFrom(...keys),
      value: fc.constantFrom(...values),
      severity: fc.constantFrom('error' as const, 'warning' as const),
    });
    fc.assert(
      fc.property(fc.array(constraint, { maxLength: 30 }), (constraints) => {
        const { results, counts } = validateRecipe(constraints, h100);
        expect(results.map((r) => r.name)).toEqual(constraints.map((c) => c.name));
        expect(counts.passed + counts.failed + counts.skipped).toBe(counts.total);
        expect(counts.total).toBe(constraints.length);
        const errorFailed = results.some((r) => r.status === 'failed' && r.severity === 'error');
        const anySkipped = results.some((r) => r.status === 'skipped');
        expect(counts.status).toBe(errorFailed ? 'fail' : anySkipped ? 'incomplete' : 'pass');
        for (const r of results) if (r.status === 'skipped') expect(r.actual).toBeUndefined();
      }),
    );
  });

  it('skips, never passes, a constraint whose value the snapshot lacks: the status is incomplete', () => {
    const empty: Snapshot = { ...h100, measurements: [] };
    const { results, counts } = validateRecipe([{ name: 'OS.release.ID', value: 'ubuntu' }], empty);
    expect(results[0]?.status).toBe('skipped');
    expect(counts).toMatchObject({ passed: 0, skipped: 1, status: 'incomplete' });
  });

  it.each<[string, Constraint[], string]>([
    ['everything measured and met', [{ name: 'OS.release.ID', value: 'ubuntu' }], 'pass'],
    [
      'one met and one not measured',
      [
        { name: 'OS.release.ID', value: 'ubuntu' },
        { name: 'K8s.server.version', value: '>= 1.30' },
      ],
      'incomplete',
    ],
    [
      'a failed warning and one not measured',
      [
        { name: 'OS.release.ID', value: 'rhel', severity: 'warning' },
        { name: 'K8s.server.version', value: '>= 1.30' },
      ],
      'incomplete',
    ],
    [
      'a failed error and one not measured',
      [
        { name: 'OS.release.ID', value: 'rhel' },
        { name: 'K8s.server.version', value: '>= 1.30' },
      ],
      'fail',
    ],
  ])('gives the status of %s as %s', (_name, constraints, status) => {
    expect(validateRecipe(constraints, h100).counts.status).toBe(status);
  });
});
