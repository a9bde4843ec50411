/**
 * @module Cross-checks coherence rules against the registry at parse time: rule ids are unique, and
 * every component and CRD group a rule names exists, so a typo in a rule is a data error rather than a
 * rule that can never hold (or never fire).
 */
import type { RegistryComponent } from './catalog-schema.js';
import type { CoherenceClause, CoherenceRule } from './coherence-rule-schema.js';

export interface PlacedRule {
  readonly file: string;
  readonly rule: CoherenceRule;
}

export interface RuleProblem {
  readonly file: string;
  readonly message: string;
}

/** `invalidComponents`: in the registry but invalid (reported there), so not missing here. */
export function checkRuleReferences(
  rules: readonly PlacedRule[],
  components: Readonly<Record<string, RegistryComponent>>,
  invalidComponents: ReadonlySet<string> = new Set(),
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Map<string, string>();
  const groups = new Set(
    Object.values(components).flatMap((component) => component.provides?.crdGroups ?? []),
  );
  for (const { file, rule } of rules) {
    const first = seen.get(rule.id);
    if (first !== undefined)
      problems.push({ file, message: `rule "${rule.id}" is also defined in ${first}` });
    else seen.set(rule.id, file);
    for (const clause of [...rule.when, ...rule.require]) {
      for (const name of componentsNamed(clause)) {
        if (!components[name] && !invalidComponents.has(name))
          problems.push({
            file,
            message: `rule "${rule.id}": component "${name}" is not in the registry`,
          });
      }
      if ('providesCrdGroup' in clause && !groups.has(clause.providesCrdGroup))
        problems.push({
          file,
          message: `rule "${rule.id}": no registry component provides CRD group "${clause.providesCrdGroup}" (provides.crdGroups)`,
        });
    }
  }
  return problems;
}

function componentsNamed(clause: CoherenceClause): string[] {
  const names: string[] = [];
  if ('component' in clause) names.push(clause.component);
  if ('before' in clause && clause.before !== undefined) names.push(clause.before);
  if ('sameAs' in clause && clause.sameAs !== undefined) names.push(clause.sameAs.component);
  return names;
}
