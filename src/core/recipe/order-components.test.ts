import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCnsError } from '../shared/errors.js';
import { orderComponents, type DependencyNode } from './order-components.js';

describe('orderComponents', () => {
  it.each([
    [
      'the demo components put cert-manager first',
      [
        { name: 'skyhook' },
        { name: 'nvsentinel', dependencyRefs: ['cert-manager'] },
        { name: 'gpu-operator', dependencyRefs: ['cert-manager'] },
        { name: 'cert-manager' },
      ],
      ['cert-manager', 'gpu-operator', 'nvsentinel', 'skyhook'],
    ],
    [
      'a chain runs in dependency order',
      [{ name: 'a', dependencyRefs: ['b'] }, { name: 'b', dependencyRefs: ['c'] }, { name: 'c' }],
      ['c', 'b', 'a'],
    ],
    ['independent components sort alphabetically', [{ name: 'b' }, { name: 'a' }], ['a', 'b']],
  ])('%s', (_name, nodes: DependencyNode[], expected) => {
    expect(orderComponents(nodes)).toEqual(expected);
  });

  it.each([
    [
      'a cycle',
      [
        { name: 'a', dependencyRefs: ['b'] },
        { name: 'b', dependencyRefs: ['a'] },
        { name: 'c', dependencyRefs: ['a'] },
      ],
      { cycle: ['a', 'b', 'a'] },
    ],
    [
      'an unknown dependency',
      [{ name: 'a', dependencyRefs: ['ghost'] }],
      { component: 'a', dependency: 'ghost' },
    ],
  ])('refuses %s, naming the components', (_name, nodes: DependencyNode[], details) => {
    try {
      orderComponents(nodes);
      expect.unreachable();
    } catch (error) {
      expect(isCnsError(error) && error.code).toBe('BAD_DATA');
      expect(isCnsError(error) && error.details).toMatchObject(details);
    }
  });

  const acyclic = fc
    .uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { minLength: 1 })
    .chain((names) =>
      fc.tuple(
        fc.constant(names),
        fc.array(fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }), {
          minLength: names.length,
          maxLength: names.length,
        }),
      ),
    )
    .map(([names, matrix]) =>
      // Only edges to earlier names, so the graph is acyclic.
      names.map((name, i) => ({
        name,
        dependencyRefs: names.filter((_, j) => j < i && matrix[i]?.[j]),
      })),
    );

  it('puts every dependency before its dependents, whatever the input order', () => {
    fc.assert(
      fc.property(acyclic, (nodes) => {
        const order = orderComponents(nodes);
        expect([...order].sort()).toEqual(nodes.map((n) => n.name).sort());
        for (const node of nodes) {
          for (const dependency of node.dependencyRefs)
            expect(order.indexOf(dependency)).toBeLessThan(order.indexOf(node.name));
        }
        expect(orderComponents([...nodes].reverse())).toEqual(order);
      }),
    );
  });
});
