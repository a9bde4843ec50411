// Rules of constraint results that reach the reader: the note on a constraint whose overlay the
// recipe left out, the word operator ~=, the names snapshots record one fact under, what a refused
// constraint carries in its details, and paths that name no key.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/snapshot.js';
import { isCnsError } from '../shared/errors.js';
import { evaluateConstraint } from './evaluate-constraint.js';
import { parseConstraintExpression } from './parse-constraint.js';
import { resolveConstraintPath } from './resolve-constraint-path.js';

const snapshot: Snapshot = {
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: {},
  measurements: [
    { type: 'K8s', subtypes: [{ subtype: 'server', data: { version: 'v1.30.14-eks-x' } }] },
    {
      type: 'OS',
      subtypes: [
        { subtype: 'release', data: { ID: 'Ubuntu', PRETTY_NAME: 'Ubuntu 24.04 LTS' } },
        { subtype: 'kernel', data: { toolchain: 'gcc-c 13' } },
      ],
    },
    // The seed's tool wrote these names; cnsctl writes gpu.model and driver.
    {
      type: 'GPU',
      subtypes: [
        {
          subtype: 'smi',
          data: { 'gpu.name': 'NVIDIA H100 80GB HBM3', 'driver-version': '570.133.20' },
        },
      ],
    },
  ],
};

const left = 'required by overlay eks-training, which this recipe left out';

describe('a constraint of an overlay the recipe left out', () => {
  it.each([
    [
      'met, for the reason the recipe gives',
      '>= 1.30',
      'OS.release.ID: expected exactly "amzn"',
      'passed',
      `v1.30.14-eks-x satisfies >= 1.30; ${left} (OS.release.ID: expected exactly "amzn"), but this node meets it: build the recipe from this node's snapshot`,
    ],
    [
      'met, with no reason given',
      '>= 1.30',
      undefined,
      'passed',
      `v1.30.14-eks-x satisfies >= 1.30; ${left} (it failed on the snapshot the recipe was built from), but this node meets it: build the recipe from this node's snapshot`,
    ],
    [
      'failed, and the very reason the overlay was left out',
      '>= 1.31',
      'K8s.server.version: v1.30.14-eks-x is not >= 1.31',
      'failed',
      `v1.30.14-eks-x is not >= 1.31 (compared at 2 components); ${left} for this failure`,
    ],
    [
      'failed, the overlay left out for another reason',
      '>= 1.31',
      'OS.release.ID: expected exactly "amzn"',
      'failed',
      `v1.30.14-eks-x is not >= 1.31 (compared at 2 components); ${left} (OS.release.ID: expected exactly "amzn")`,
    ],
    [
      'failed, with no reason given',
      '>= 1.31',
      undefined,
      'failed',
      `v1.30.14-eks-x is not >= 1.31 (compared at 2 components); ${left} (it failed on the snapshot the recipe was built from)`,
    ],
  ])('%s: says so and names the overlay', (_case, value, excludedBecause, status, message) => {
    const constraint = {
      name: 'K8s.server.version',
      value,
      excludedOverlay: 'eks-training',
      ...(excludedBecause === undefined ? {} : { excludedBecause }),
    };
    expect(evaluateConstraint(constraint, snapshot)).toMatchObject({
      status,
      message,
      excludedOverlay: 'eks-training',
    });
  });

  it('not measured, because of itself: still a skip with the reason, never "for this failure"', () => {
    const constraint = {
      name: 'OS.release.NOPE',
      value: 'x',
      excludedOverlay: 'eks-training',
      excludedBecause: 'OS.release.NOPE: not measured',
    };
    expect(evaluateConstraint(constraint, snapshot)).toMatchObject({
      status: 'skipped',
      message: `not measured: OS.release has no key NOPE; ${left} (OS.release.NOPE: not measured)`,
    });
  });
});

describe('~= (words)', () => {
  it.each([
    ['OS.release.ID', '~= debian', 'failed', '"Ubuntu" does not contain the word debian'],
    [
      'OS.release.PRETTY_NAME',
      '~= ubuntu   24.04',
      'passed',
      'Ubuntu 24.04 LTS satisfies ~= ubuntu   24.04',
    ],
    // Characters that mean something in a pattern are matched as themselves.
    ['OS.kernel.toolchain', '~= gcc-c++', 'failed', '"gcc-c 13" does not contain the word gcc-c++'],
  ])('%s %s is %s: %s', (name, value, status, message) => {
    expect(evaluateConstraint({ name, value }, snapshot)).toMatchObject({ status, message });
  });
});

describe('names a snapshot records one fact under', () => {
  it.each([
    ['GPU.smi.gpu.model', '~= H100', 'NVIDIA H100 80GB HBM3'],
    ['GPU.smi.driver', '>= 570', '570.133.20'],
  ])('%s finds the value the seed recorded under its other name', (name, value, actual) => {
    expect(evaluateConstraint({ name, value }, snapshot)).toMatchObject({
      status: 'passed',
      actual,
    });
  });
});

describe('a refused constraint', () => {
  it.each([
    ['a second operator', '>= 1.30 < 1.31', '1.30 < 1.31'],
    ['a version after ~=', '~= 1.30', '1.30'],
    ['no version after >=', '>= ubuntu', 'ubuntu'],
    ['a version followed by other text', '>= 1.30 foo', '1.30 foo'],
  ])('carries its name, value and operand in the details: %s', (_case, value, operand) => {
    let error: unknown;
    try {
      parseConstraintExpression(value, 'K8s.server.version');
    } catch (thrown) {
      error = thrown;
    }
    expect(isCnsError(error) && error.details).toEqual({
      name: 'K8s.server.version',
      value,
      operand,
    });
  });
});

describe('resolveConstraintPath', () => {
  it.each([
    ['an unknown type', 'NOPE.x', { type: 'NOPE', subtype: 'x', key: '', missing: 'type' }],
    [
      'a subtype with no key',
      'OS.kernel',
      { type: 'OS', subtype: 'kernel', key: '', missing: 'subtype' },
    ],
  ])('names the parts of %s, with no key', (_case, name, path) => {
    expect(resolveConstraintPath(name, snapshot)).toEqual({ ...path, value: undefined });
  });
});
