import { describe, expect, it } from 'vitest';
import { readRecipeFixture, readSnapshotFixture } from '../../../test/validate/read-fixture.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { diffExitCode } from './diff-exit-code.js';
import { evaluateDrift } from './evaluate-drift.js';

const meta = { generatedAt: '2026-11-26T16:00:00Z', version: '0.1.0' };
const recipe = readRecipeFixture('validate/recipe-h100-eks-training.yaml');
const working = readSnapshotFixture('validate/eks-h100-snapshot.yaml');

function withSysctl(snapshot: Snapshot, key: string, value: string | undefined): Snapshot {
  return {
    ...snapshot,
    measurements: snapshot.measurements.map((m) => ({
      ...m,
      subtypes: m.subtypes.map((s) => {
        if (m.type !== 'OS' || s.subtype !== 'sysctl') return s;
        const data = { ...s.data };
        if (value === undefined) delete data[key];
        else data[key] = value;
        return { ...s, data };
      }),
    })),
  };
}

const input = (snapshot: Snapshot) => ({
  recipe: { source: 'recipe.yaml', constraints: recipe.constraints },
  snapshot: { source: 'node.yaml', snapshot },
});

describe('evaluateDrift', () => {
  it('finds no drift on the node the recipe was made for', () => {
    const report = evaluateDrift(input(working), {}, meta);
    expect(report.summary).toEqual({
      status: 'in-sync',
      constraints: 4,
      met: 4,
      drifted: 0,
      unmeasured: 0,
      ignored: 0,
    });
    expect(diffExitCode(report)).toBe(0);
  });

  it('phrases a constraint the node no longer meets as drift', () => {
    const broken = withSysctl(working, '/proc/sys/kernel/osrelease', '5.15.0-1050-aws');
    const report = evaluateDrift(input(broken), {}, meta);
    expect(report.drift).toEqual([
      {
        name: 'OS.sysctl./proc/sys/kernel/osrelease',
        expected: '>= 6.8',
        actual: '5.15.0-1050-aws',
        severity: 'error',
        message: 'OS.sysctl./proc/sys/kernel/osrelease: expected >= 6.8, node has 5.15.0-1050-aws',
        reason: expect.any(String),
      },
    ]);
    expect(report.metadata).toMatchObject({
      recipe: 'recipe.yaml',
      snapshot: 'node.yaml',
      node: 'ip-10-0-182-128.ec2.internal',
    });
    expect(diffExitCode(report)).toBe(1);
  });

  it('lists a value the node no longer reports as unmeasured, not as drift', () => {
    const report = evaluateDrift(
      input(withSysctl(working, '/proc/sys/kernel/osrelease', undefined)),
      {},
      meta,
    );
    expect(report.summary).toMatchObject({ status: 'in-sync', met: 3, unmeasured: 1 });
    expect(report.unmeasured[0]?.name).toBe('OS.sysctl./proc/sys/kernel/osrelease');
  });

  it('selects constraints with --only and --ignore, without the volatile defaults', () => {
    const broken = withSysctl(working, '/proc/sys/kernel/osrelease', '5.15.0-1050-aws');
    expect(evaluateDrift(input(broken), { ignore: ['OS.sysctl.*'] }, meta).summary).toMatchObject({
      status: 'in-sync',
      constraints: 3,
      ignored: 1,
    });
    expect(evaluateDrift(input(broken), { only: ['K8s.*'] }, meta).summary).toMatchObject({
      constraints: 1,
      ignored: 3,
    });
    const hostname = {
      recipe: {
        source: 'r',
        constraints: [{ name: 'OS.sysctl./proc/sys/kernel/hostname', value: 'x' }],
      },
      snapshot: { source: 's', snapshot: working },
    };
    expect(evaluateDrift(hostname, {}, meta).summary.drifted).toBe(1);
  });

  it('refuses a bad constraint with BAD_CONSTRAINT', () => {
    const bad = {
      ...input(working),
      recipe: { source: 'r', constraints: [{ name: 'OS.release.ID', value: '>= ubuntu' }] },
    };
    expect(() => evaluateDrift(bad, {}, meta)).toThrow(
      expect.objectContaining({ code: 'BAD_CONSTRAINT' }),
    );
  });
});
