/**
 * @module Evaluates coherence rules on a hydrated recipe: a rule is broken when all of its `when`
 * clauses hold and at least one `require` clause does not. Pure: the recipe, its merged values and the
 * registry in, the broken rules out, each naming the values that break it.
 * @example
 * // rule: when gpu-operator dcgmExporter.serviceMonitor.enabled == true
 * //       require a component providing monitoring.coreos.com before gpu-operator
 * // a recipe with the ServiceMonitor on and no kube-prometheus-stack → one violation
 */
import { parseConstraintExpression } from '../constraint/parse-constraint.js';
import { isCnsError } from '../shared/errors.js';
import { compareAtPrecision, parseLooseVersion } from '../version/loose-version.js';
import type { RegistryComponent } from './catalog-schema.js';
import type {
  CoherenceClause,
  CoherenceRule,
  ConstraintClause,
  CrdClause,
  CriteriaClause,
  ValueClause,
} from './coherence-rule-schema.js';
import type { Values } from './merge-values.js';
import { parseValuesPath, readValuesPath } from './values-path.js';

/** The parts of a recipe the rules read; merged values are asked for per component, as rules need them. */
export interface CoherenceSubject {
  readonly criteria: Readonly<Record<string, unknown>>;
  readonly constraints: readonly { readonly name: string; readonly value: string }[];
  readonly componentRefs: readonly {
    readonly name: string;
    readonly dependencyRefs?: readonly string[] | undefined;
  }[];
  /** The merged Helm values of a component of the recipe. */
  readonly valuesOf: (component: string) => Values;
}

export interface CoherenceViolation {
  readonly rule: string;
  /** The `when` clauses, as they hold for this recipe. */
  readonly because: readonly string[];
  /** The `require` clauses that do not hold, each with what the recipe has instead. */
  readonly failed: readonly string[];
  readonly reason: string;
  readonly source: string;
}

interface Outcome {
  readonly holds: boolean;
  /** The clause and, where it helps, what the recipe has: `gpu-operator driver.enabled == false`. */
  readonly text: string;
}

export function evaluateCoherenceRules(
  rules: readonly CoherenceRule[],
  recipe: CoherenceSubject,
  registry: Readonly<Record<string, RegistryComponent>>,
): CoherenceViolation[] {
  const context = new RecipeContext(recipe, registry);
  return rules.flatMap((rule) => {
    const { violation } = checkRule(rule, context);
    return violation ? [violation] : [];
  });
}

/** The names of the rules whose `when` clauses hold for the recipe, broken or not. */
export function applicableCoherenceRules(
  rules: readonly CoherenceRule[],
  recipe: CoherenceSubject,
  registry: Readonly<Record<string, RegistryComponent>>,
): string[] {
  const context = new RecipeContext(recipe, registry);
  return rules.filter((rule) => checkRule(rule, context).applies).map((rule) => rule.id);
}

function checkRule(
  rule: CoherenceRule,
  context: RecipeContext,
): { applies: boolean; violation?: CoherenceViolation } {
  const when = rule.when.map((clause) => context.evaluate(clause));
  if (!when.every((outcome) => outcome.holds)) return { applies: false };
  const failed = rule.require
    .map((clause) => context.evaluate(clause))
    .filter((outcome) => !outcome.holds);
  if (failed.length === 0) return { applies: true };
  return {
    applies: true,
    violation: {
      rule: rule.id,
      because: when.map((outcome) => outcome.text),
      failed: failed.map((outcome) => outcome.text),
      reason: rule.reason,
      source: rule.source,
    },
  };
}

/** One line for a violation: the rule, what triggered it, what is missing, and why it matters. */
export function describeViolation(violation: CoherenceViolation): string {
  const because = violation.because.length > 0 ? ` (${violation.because.join(', ')})` : '';
  return `rule ${violation.rule}${because}: needs ${violation.failed.join('; ')}: ${violation.reason}`;
}

class RecipeContext {
  private readonly dependencies = new Map<string, readonly string[]>();

  constructor(
    private readonly recipe: CoherenceSubject,
    private readonly registry: Readonly<Record<string, RegistryComponent>>,
  ) {
    for (const ref of recipe.componentRefs)
      this.dependencies.set(ref.name, ref.dependencyRefs ?? []);
  }

  evaluate(clause: CoherenceClause): Outcome {
    if ('providesCrdGroup' in clause) return this.crd(clause);
    if ('criteria' in clause) return this.criteriaMatch(clause);
    if ('constraint' in clause) return this.floor(clause);
    return clause.path === undefined ? this.presence(clause) : this.value(clause, clause.path);
  }

  private has(name: string): boolean {
    return this.dependencies.has(name);
  }

  /** Whether `later` depends on `earlier`, directly or through its dependencies. */
  private dependsOn(later: string, earlier: string): boolean {
    const seen = new Set<string>();
    const pending = [...(this.dependencies.get(later) ?? [])];
    while (pending.length > 0) {
      const next = pending.pop() as string;
      if (next === earlier) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(...(this.dependencies.get(next) ?? []));
    }
    return false;
  }

  private presence(clause: ValueClause): Outcome {
    const { component, before } = clause;
    if (clause.present === false)
      return { holds: !this.has(component), text: `no ${component} in the recipe` };
    if (before === undefined)
      return { holds: this.has(component), text: `${component} in the recipe` };
    const text = `${component} deployed before ${before}`;
    if (!this.has(component)) return { holds: false, text: `${text} (no ${component})` };
    if (!this.has(before)) return { holds: true, text };
    const holds = this.dependsOn(before, component);
    return { holds, text: holds ? text : `${text} (${before} does not depend on it)` };
  }

  private read(component: string, path: string): { present: boolean; value: unknown } {
    const segments = parseValuesPath(path);
    if (!this.has(component) || segments === undefined) return { present: false, value: undefined };
    return { present: true, value: readValuesPath(this.recipe.valuesOf(component), segments) };
  }

  private value(clause: ValueClause, path: string): Outcome {
    const subject = `${clause.component} ${path}`;
    const { present, value } = this.read(clause.component, path);
    const found = ` (found ${show(value)})`;
    if (!present) return { holds: false, text: `${subject} (no ${clause.component})` };
    if (Object.hasOwn(clause, 'equals'))
      return outcome(
        sameValue(value, clause.equals),
        `${subject} == ${show(clause.equals)}`,
        found,
      );
    if (Object.hasOwn(clause, 'notEquals'))
      return outcome(
        !sameValue(value, clause.notEquals),
        `${subject} != ${show(clause.notEquals)}`,
        found,
      );
    if (clause.in !== undefined)
      return outcome(
        clause.in.some((candidate) => sameValue(value, candidate)),
        `${subject} in ${show(clause.in)}`,
        found,
      );
    if (clause.notIn !== undefined)
      return outcome(
        !clause.notIn.some((candidate) => sameValue(value, candidate)),
        `${subject} not in ${show(clause.notIn)}`,
        found,
      );
    if (clause.sameAs !== undefined) {
      const other = this.read(clause.sameAs.component, clause.sameAs.path);
      const text = `${subject} == ${clause.sameAs.component} ${clause.sameAs.path}`;
      return outcome(
        other.present && sameValue(value, other.value),
        text,
        ` (found ${show(value)} and ${other.present ? show(other.value) : `no ${clause.sameAs.component}`})`,
      );
    }
    // A null value is set but removed by Helm, so it counts as unset.
    const isSet = value !== undefined && value !== null;
    if (clause.exists === false) return outcome(!isSet, `${subject} unset`, found);
    return outcome(isSet, `${subject} set`, found);
  }

  private crd(clause: CrdClause): Outcome {
    const group = clause.providesCrdGroup;
    const providers = [...this.dependencies.keys()].filter((name) =>
      (this.registry[name]?.provides?.crdGroups ?? []).includes(group),
    );
    const { before } = clause;
    const text = `a component providing CRD group ${group}${before ? ` deployed before ${before}` : ''}`;
    if (providers.length === 0) return { holds: false, text: `${text} (none in the recipe)` };
    if (before === undefined || !this.has(before)) return { holds: true, text };
    const ordered = providers.some((name) => name === before || this.dependsOn(before, name));
    return ordered
      ? { holds: true, text }
      : {
          holds: false,
          text: `${text} (${providers.join(', ')} present, but ${before} does not depend on it)`,
        };
  }

  private criteriaMatch(clause: CriteriaClause): Outcome {
    const parts = Object.entries(clause.criteria).filter(([, wanted]) => wanted !== undefined);
    const holds = parts.every(([dimension, wanted]) => {
      const accepted: readonly unknown[] = Array.isArray(wanted) ? wanted : [wanted];
      return accepted.includes(this.recipe.criteria[dimension]);
    });
    const text = parts
      .map(
        ([dimension, wanted]) =>
          `${dimension} ${Array.isArray(wanted) ? `in ${show(wanted)}` : `== ${String(wanted)}`}`,
      )
      .join(', ');
    return { holds, text: `criteria ${text}` };
  }

  private floor(clause: ConstraintClause): Outcome {
    const text = `constraint ${clause.constraint} >= ${clause.atLeast}`;
    const constraint = this.recipe.constraints.find((c) => c.name === clause.constraint);
    if (!constraint) return { holds: false, text: `${text} (no such constraint)` };
    const wanted = parseLooseVersion(clause.atLeast);
    const floor = floorOf(constraint.value);
    const holds =
      wanted !== undefined && floor !== undefined && compareAtPrecision(floor, wanted) >= 0;
    return { holds, text: holds ? text : `${text} (found "${constraint.value}")` };
  }
}

function floorOf(value: string) {
  try {
    return parseConstraintExpression(value).clauses.find(
      (clause) => clause.operator === '>=' || clause.operator === '>',
    )?.version;
  } catch (error) {
    // A constraint that does not parse has no floor; validate reports it in its own words.
    if (isCnsError(error)) return undefined;
    throw error;
  }
}

function outcome(holds: boolean, text: string, found: string): Outcome {
  return { holds, text: holds ? text : `${text}${found}` };
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** Structural equality of YAML values (scalars, lists, mappings). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]))
  );
}
