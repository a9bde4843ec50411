// What a constraint result tells the reader (docs/commands/validate.md shows these messages in the
// table and the JUnit report): why it failed, at which precision, or what was not measured.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/snapshot.js';
import { evaluateConstraint } from './evaluate-constraint.js';

const snapshot: Snapshot = {
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: {},
  measurements: [
    { type: 'K8s', subtypes: [{ subtype: 'server', data: { version: 'v1.30.14-eks-x' } }] },
    {
      type: 'OS',
      subtypes: [
        { subtype: 'release', data: { ID: 'Ubuntu', VERSION_ID: '24.04' } },
        { subtype: 'sysctl', data: { '/proc/sys/vm/swappiness': 60 } },
        { subtype: 'kmod', data: { nvidia: true } },
      ],
    },
  ],
};

describe('the message of a constraint result', () => {
  it.each([
    [
      'K8s.server.version',
      '>= 1.31',
      'failed',
      'v1.30.14-eks-x is not >= 1.31 (compared at 2 components)',
    ],
    ['K8s.server.version', '> 1', 'failed', 'v1.30.14-eks-x is not > 1 (compared at 1 component)'],
    [
      'OS.sysctl./proc/sys/vm/swappiness',
      '<= 10',
      'failed',
      '60 is not <= 10 (compared at 1 component)',
    ],
    ['K8s.server.version', '== 1.31', 'failed', 'v1.30.14-eks-x is not == 1.31'],
    ['K8s.server.version', '!= 1.30', 'failed', 'v1.30.14-eks-x is not != 1.30'],
    ['OS.release.ID', 'ubuntu', 'failed', 'expected exactly "ubuntu", found "Ubuntu"'],
    [
      'OS.release.ID',
      '>= 1.30',
      'failed',
      '"Ubuntu" is not a version, so it cannot be compared with >= 1.30',
    ],
    ['K8s.server.version', '>= 1.28, < 1.31', 'passed', 'v1.30.14-eks-x satisfies >= 1.28, < 1.31'],
    ['OS.kmod.nvidia', 'true', 'passed', 'true satisfies true'],
    ['GPU.smi.driver', '>= 570', 'skipped', 'not measured: the snapshot has no GPU measurements'],
    [
      'OS.grub.quiet',
      'x',
      'skipped',
      'not measured: the snapshot has no OS subtype for OS.grub.quiet',
    ],
    ['OS.release.NOPE', 'x', 'skipped', 'not measured: OS.release has no key NOPE'],
  ])('%s %s is %s: %s', (name, value, status, message) => {
    expect(evaluateConstraint({ name, value }, snapshot)).toMatchObject({ status, message });
  });
});

describe('the shape of a constraint result', () => {
  it.each([
    ['a failed', 'OS.release.ID', 'rhel', { status: 'failed', actual: 'Ubuntu' }],
    ['a passed', 'OS.release.VERSION_ID', '24.04', { status: 'passed', actual: '24.04' }],
    ['a skipped', 'GPU.smi.driver', '>= 570', { status: 'skipped' }],
  ])('%s result keeps the remediation and the severity', (_kind, name, value, outcome) => {
    const constraint = { name, value, severity: 'warning' as const, remediation: 'Do this.' };
    expect(evaluateConstraint(constraint, snapshot)).toStrictEqual({
      name,
      expected: value,
      severity: 'warning',
      remediation: 'Do this.',
      message: expect.any(String),
      ...outcome,
    });
  });

  it.each([
    ['a failed', 'OS.release.ID', 'rhel', { status: 'failed', actual: 'Ubuntu' }],
    ['a skipped', 'GPU.smi.driver', '>= 570', { status: 'skipped' }],
  ])('%s result without a remediation has no remediation field', (_kind, name, value, outcome) => {
    expect(evaluateConstraint({ name, value }, snapshot)).toStrictEqual({
      name,
      expected: value,
      severity: 'error',
      message: expect.any(String),
      ...outcome,
    });
  });
});
