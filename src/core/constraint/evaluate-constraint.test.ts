import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCnsError } from '../shared/errors.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { evaluateConstraint, evaluateExpression } from './evaluate-constraint.js';
import { parseConstraintExpression } from './parse-constraint.js';

const holds = (value: string, actual: string): boolean =>
  evaluateExpression(parseConstraintExpression(value), actual).holds;

describe('evaluateExpression', () => {
  it.each([
    ['>= 1.30', 'v1.34.1-eks-3025e55', true],
    ['>= 6.8', '6.8.0-1043-aws', true],
    ['>= 1.31', 'v1.30.14-eks-x', false],
    ['>= 6.8', '5.15.0-1050-aws', false],
    ['>= 1.30, < 1.36', 'v1.34.1-eks-3025e55', true],
    ['>= 1.30, < 1.34', 'v1.34.1-eks-3025e55', false],
    ['<= 1.35', 'v1.35.4', true],
    ['> 570', '570.133.20', false],
    ['> 570.100', '570.133.20', true],
    ['< 580', '570.133.20', true],
    ['== 6.8', '6.8.0-1043-aws', true],
    ['!= 1.30', 'v1.30.5', false],
    ['!= rhel', 'ubuntu', true],
    ['== ubuntu', 'ubuntu', true],
    ['ubuntu', 'ubuntu', true],
    ['ubuntu', 'Ubuntu', false],
    ['24.04', '24.04', true],
    ['24.04', '24.4', false],
    ['>= 1.30', 'not-a-version', false],
  ])('%s against %s holds: %s', (value, actual, expected) => {
    expect(holds(value, actual)).toBe(expected);
  });
});

describe('parseConstraintExpression', () => {
  it.each([['>= ubuntu'], ['>='], ['>= 1.30,'], ['=> 1.30'], ['<> 2'], ['>= 1.30, > ']])(
    'refuses %j with BAD_CONSTRAINT',
    (value) => {
      try {
        parseConstraintExpression(value, 'K8s.server.version');
        expect.unreachable();
      } catch (error) {
        expect(isCnsError(error) && error.code).toBe('BAD_CONSTRAINT');
        expect(isCnsError(error) && error.details.name).toBe('K8s.server.version');
      }
    },
  );
});

describe('ordering operators (properties)', () => {
  const versionText = fc
    .tuple(
      fc.array(fc.nat({ max: 300 }), { minLength: 1, maxLength: 3 }),
      fc.constantFrom('', '-eks-abc', '-1043-aws'),
    )
    .map(([parts, suffix]) => `${parts.join('.')}${suffix}`);
  const operand = fc
    .array(fc.nat({ max: 300 }), { minLength: 1, maxLength: 3 })
    .map((p) => p.join('.'));

  it('a >= b holds exactly when a < b does not', () => {
    fc.assert(
      fc.property(versionText, operand, (a, b) => holds(`>= ${b}`, a) === !holds(`< ${b}`, a)),
    );
  });

  it('a <= b holds exactly when a > b does not', () => {
    fc.assert(
      fc.property(versionText, operand, (a, b) => holds(`<= ${b}`, a) === !holds(`> ${b}`, a)),
    );
  });

  it('== and != are complements', () => {
    fc.assert(
      fc.property(versionText, operand, (a, b) => holds(`== ${b}`, a) === !holds(`!= ${b}`, a)),
    );
  });
});

const snapshot: Snapshot = {
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: {},
  measurements: [
    { type: 'K8s', subtypes: [{ subtype: 'server', data: { version: 'v1.34.1-eks-3025e55' } }] },
    {
      type: 'OS',
      subtypes: [
        { subtype: 'release', data: { ID: 'ubuntu', VERSION_ID: '24.04' } },
        { subtype: 'sysctl', data: { '/proc/sys/kernel/osrelease': '6.8.0-1043-aws' } },
        { subtype: 'kmod', data: { nvidia: true } },
      ],
    },
    {
      type: 'SystemD',
      subtypes: [
        { subtype: 'containerd', data: { 'service.Restart': 'wrong-subtype' } },
        { subtype: 'containerd.service', data: { Restart: 'always' } },
      ],
    },
  ],
};

describe('evaluateConstraint', () => {
  it.each([
    ['K8s.server.version', '>= 1.30', 'passed', 'v1.34.1-eks-3025e55'],
    ['OS.release.ID', 'ubuntu', 'passed', 'ubuntu'],
    ['OS.release.VERSION_ID', '24.04', 'passed', '24.04'],
    ['OS.sysctl./proc/sys/kernel/osrelease', '>= 6.8', 'passed', '6.8.0-1043-aws'],
    ['OS.sysctl./proc/sys/kernel/osrelease', '>= 6.10', 'failed', '6.8.0-1043-aws'],
    ['OS.kmod.nvidia', 'true', 'passed', 'true'],
    ['SystemD.containerd.service.Restart', 'always', 'passed', 'always'],
    ['GPU.smi.driver', '>= 570', 'skipped', undefined],
    ['OS.grub.quiet', '', 'skipped', undefined],
    ['OS.release.NOPE', 'x', 'skipped', undefined],
  ])('%s %s is %s', (name, value, status, actual) => {
    const result = evaluateConstraint({ name, value: value || 'x' }, snapshot);
    expect(result).toMatchObject({ name, status, severity: 'error' });
    expect(result.actual).toBe(actual);
    expect(result.message).not.toBe('');
  });

  it('keeps severity and remediation from the constraint', () => {
    const result = evaluateConstraint(
      { name: 'OS.release.ID', value: 'rhel', severity: 'warning', remediation: 'use RHEL' },
      snapshot,
    );
    expect(result).toMatchObject({
      status: 'failed',
      severity: 'warning',
      remediation: 'use RHEL',
    });
  });
});
