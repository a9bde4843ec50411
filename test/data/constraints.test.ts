/**
 * Every constraint in the data reads as `[op] operand` (op one of >= <= > < == != or none), parses with the
 * project's constraint grammar, and names a measurement the snapshot collects.
 */
import { describe, expect, it } from 'vitest';
import { parseConstraintExpression } from '../../src/core/constraint/parse-constraint.js';
import type { Constraint } from '../../src/core/recipe/catalog-schema.js';
import { embeddedCatalog } from './data-under-test.js';

const GRAMMAR = /^(?:(>=|<=|==|!=|>|<)\s*)?([^\s<>=!,][^,]*)$/;
const MEASUREMENT_TYPES = ['SystemD', 'OS', 'K8s', 'GPU'];

interface Placed {
  readonly overlay: string;
  readonly constraint: Constraint;
}

async function allConstraints(): Promise<Placed[]> {
  const data = await embeddedCatalog();
  return Object.values(data.overlays).flatMap((overlay) =>
    overlay.spec.constraints.map((constraint) => ({ overlay: overlay.metadata.name, constraint })),
  );
}

describe('constraints in the data', () => {
  it('exist', async () => {
    expect((await allConstraints()).length).toBeGreaterThan(0);
  });

  it('read as [op] operand with one of the six operators or none', async () => {
    const bad = (await allConstraints()).filter(
      ({ constraint }) => !GRAMMAR.test(constraint.value.trim()),
    );
    expect(bad).toEqual([]);
  });

  it('parse with the constraint grammar the validate stage uses', async () => {
    for (const { overlay, constraint } of await allConstraints()) {
      expect(() =>
        parseConstraintExpression(constraint.value, `${overlay}: ${constraint.name}`),
      ).not.toThrow();
    }
  });

  it('name a measurement type the snapshot collects', async () => {
    const bad = (await allConstraints()).filter(
      ({ constraint }) => !MEASUREMENT_TYPES.includes(constraint.name.split('.')[0] ?? ''),
    );
    expect(bad).toEqual([]);
  });

  it('compare versions only with ordering operators and plain strings only with none or ==', async () => {
    for (const { constraint } of await allConstraints()) {
      const [clause] = parseConstraintExpression(constraint.value).clauses;
      if (clause?.operator && ['>=', '<=', '>', '<'].includes(clause.operator))
        expect(clause.version, constraint.name).toBeDefined();
    }
  });

  it.each([
    ['>= 1.30', true],
    ['ubuntu', true],
    ['24.04', true],
    ['== ubuntu', true],
    ['!= rhel', true],
    ['=> 1.30', false],
    ['>=', false],
    ['~ 1.30', true],
  ] as const)('the grammar check reads %j as %s', (value, ok) => {
    expect(GRAMMAR.test(value)).toBe(ok);
  });
});
