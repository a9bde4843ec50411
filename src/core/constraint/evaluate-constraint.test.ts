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
    ['>= 1.32.4-eks-1', 'v1.32.4-eks-2', true],
    ['~= H100', 'NVIDIA H100 80GB HBM3', true],
    ['~= h100', 'NVIDIA H100 PCIe', true],
    ['~= H100', 'NVIDIA H100-SXM5', true],
    ['~= H100', 'NVIDIA GH100', false],
    ['~= B200', 'NVIDIA GB200', false],
    ['~= GB200', 'NVIDIA GB200', true],
    ['~= L40', 'NVIDIA L40S', false],
    ['~= L40S', 'NVIDIA L40S', true],
    ['~= A100', 'NVIDIA A100-SXM4-80GB', true],
    ['~= H100 80GB', 'NVIDIA H100  80GB HBM3', true],
    ['~= H100 80GB', 'NVIDIA H100 94GB NVL', false],
    ['~= eks', 'v1.34.1-eks-3025e55', true],
    ['~= H100, ~= HBM3', 'NVIDIA H100 80GB HBM3', true],
    ['~= H100, ~= NVL', 'NVIDIA H100 80GB HBM3', false],
    ['~= a.b', 'axb', false],
  ])('%s against %s holds: %s', (value, actual, expected) => {
    expect(holds(value, actual)).toBe(expected);
  });
});

describe('parseConstraintExpression', () => {
  it.each([
    ['>= ubuntu', 'needs a version after >='],
    ['>=', 'empty clause'],
    ['>= 1.30,', 'empty clause'],
    ['=> 1.30', 'unknown operator'],
    ['<> 2', 'unknown operator'],
    ['>= 1.30, > ', 'empty clause'],
    ['>=6.8 <6.0', 'second operator (<)'],
    ['>= 6.8 garbage', '"6.8" is followed by " garbage"'],
    ['== 24.04 LTS', '"24.04" is followed by " LTS"'],
    ['!= 1.30 ; rm', 'is followed by " ; rm"'],
    ['!= rhel >= 9', 'second operator (>=)'],
    ['~=', 'empty clause'],
    ['~= 1.30', 'is a version'],
    ['~= H100 ~= GB200', 'second operator (~=)'],
    ['~~ H100', 'unknown operator'],
  ])('refuses %j with BAD_CONSTRAINT naming the constraint (%s)', (value, problem) => {
    try {
      parseConstraintExpression(value, 'K8s.server.version');
      expect.unreachable();
    } catch (error) {
      expect(isCnsError(error) && error.code).toBe('BAD_CONSTRAINT');
      expect(isCnsError(error) && error.details.name).toBe('K8s.server.version');
      expect((error as Error).message).toContain('K8s.server.version');
      expect((error as Error).message).toContain(problem);
    }
  });

  it('reads an exact string as it is, spaces and all', () => {
    expect(parseConstraintExpression('Ubuntu 24.04.3 LTS').clauses).toEqual([
      { operand: 'Ubuntu 24.04.3 LTS' },
    ]);
  });
});

describe('parsing completely (properties)', () => {
  const version = fc
    .array(fc.nat({ max: 999 }), { minLength: 1, maxLength: 3 })
    .map((p) => p.join('.'));
  const trailing = fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((t) => t.trim() !== '' && !t.includes(','));
  const operator = fc.constantFrom('>=', '<=', '>', '<', '==', '!=');

  it('refuses any version operand followed by a space and more text', () => {
    fc.assert(
      fc.property(operator, version, trailing, (op, v, rest) => {
        const value = `${op} ${v} ${rest}`;
        try {
          parseConstraintExpression(value);
          return false;
        } catch (error) {
          return isCnsError(error) && error.code === 'BAD_CONSTRAINT';
        }
      }),
    );
  });

  it('accepts every operator before a bare version, and the clause keeps the operand', () => {
    fc.assert(
      fc.property(operator, version, (op, v) => {
        const [clause] = parseConstraintExpression(`${op} ${v}`).clauses;
        return clause?.operator === op && clause.operand === v && clause.version !== undefined;
      }),
    );
  });
});

describe('~= (properties)', () => {
  // Not V + digit: that reads as a version (v1), which ~= refuses.
  const word = fc.stringMatching(/^[A-UW-Z][A-Z0-9]{1,6}$/);
  const separator = fc.constantFrom(' ', '-', '_', '/', '(', ')');
  const letter = fc.stringMatching(/^[a-zA-Z0-9]$/);

  it('holds when the word stands alone in the text, in any case', () => {
    fc.assert(
      fc.property(word, separator, separator, (w, before, after) =>
        holds(`~= ${w}`, `NVIDIA${before}${w.toLowerCase()}${after}80GB`),
      ),
    );
  });

  it('fails when the word is part of a longer word', () => {
    fc.assert(
      fc.property(
        word,
        letter,
        fc.boolean(),
        (w, extra, atStart) => !holds(`~= ${w}`, `NVIDIA ${atStart ? extra + w : w + extra} 80GB`),
      ),
    );
  });
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
