/**
 * @module Deployment order: a topological sort of dependencyRefs (Kahn's algorithm) where, among the
 * components ready at each step, the alphabetically first goes next. A dependency on a component that
 * is not in the recipe, and a cycle, are errors naming the components involved.
 * @example orderComponents([{name:'gpu-operator', dependencyRefs:['cert-manager']}, {name:'cert-manager'}])
 *   // → ['cert-manager', 'gpu-operator']
 */
import { CnsError } from '../shared/errors.js';
import { compareText } from './match-overlays.js';

export interface DependencyNode {
  readonly name: string;
  readonly dependencyRefs?: readonly string[] | undefined;
}

export function orderComponents(components: readonly DependencyNode[]): string[] {
  const names = new Set(components.map((c) => c.name));
  const waitingOn = new Map<string, Set<string>>();
  for (const component of components) {
    const dependencies = new Set(component.dependencyRefs ?? []);
    for (const dependency of dependencies) {
      if (!names.has(dependency)) {
        throw new CnsError(
          'BAD_DATA',
          `component "${component.name}" depends on "${dependency}", which is not in this recipe`,
          { details: { component: component.name, dependency, components: [...names].sort() } },
        );
      }
    }
    waitingOn.set(component.name, dependencies);
  }
  const order: string[] = [];
  while (waitingOn.size > 0) {
    const ready = [...waitingOn]
      .filter(([, deps]) => deps.size === 0)
      .map(([name]) => name)
      .sort(compareText);
    const next = ready[0];
    if (next === undefined) {
      const cycle = findCycle(waitingOn);
      throw new CnsError('BAD_DATA', `dependency cycle: ${cycle.join(' -> ')}`, {
        details: { cycle },
      });
    }
    order.push(next);
    waitingOn.delete(next);
    for (const deps of waitingOn.values()) deps.delete(next);
  }
  return order;
}

/** Every component still waiting has an unmet dependency, so following the first one must loop. */
function findCycle(waitingOn: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const path: string[] = [];
  const position = new Map<string, number>();
  let current = [...waitingOn.keys()].sort(compareText)[0] as string;
  while (!position.has(current)) {
    position.set(current, path.length);
    path.push(current);
    current = [...(waitingOn.get(current) ?? [])].sort(compareText)[0] as string;
  }
  return [...path.slice(position.get(current)), current];
}
