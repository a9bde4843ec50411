/**
 * @module Builds a recipeResult from the catalog and criteria (and optionally a snapshot): match and
 * order overlays, screen them against the snapshot, merge constraints by name and component
 * references field by field, lock facts from the snapshot, and sort the deployment order. The
 * constraints are those of every matched overlay, excluded ones included (marked), so a recipe built
 * from a node's snapshot judges the node exactly as the recipe for the same criteria given as flags.
 * docs/recipe-engine.md states the rules this file implements.
 */
import { evaluateConstraint, type ConstraintResult } from '../constraint/evaluate-constraint.js';
import { API_VERSION, KINDS } from '../shared/documents.js';
import { CnsError } from '../shared/errors.js';
import { sortKeysDeep } from '../shared/serialize.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Catalog } from './catalog.js';
import type { Overlay, OverlayComponentRef } from './catalog-schema.js';
import type { RecipeCriteria } from './criteria.js';
import { componentValues } from './component-values.js';
import { describeViolation, evaluateCoherenceRules } from './evaluate-coherence-rules.js';
import { matchOverlays } from './match-overlays.js';
import { mergeValues, type Values } from './merge-values.js';
import { orderComponents } from './order-components.js';
import type {
  CoherenceWarning,
  ConstraintWarning,
  RecipeComponentRef,
  RecipeConstraint,
  RecipeResult,
} from './recipe-result.js';
import { lockSnapshotFacts, type SnapshotLock } from './snapshot-locks.js';

export interface BuildRecipeOptions {
  readonly criteria: RecipeCriteria;
  readonly snapshot?: Snapshot | undefined;
  readonly generatedAt: Date;
  readonly toolVersion: string;
}

/** One applied overlay's inline overrides of a component. */
export interface OverrideOrigin {
  readonly overlay: string;
  readonly values: Readonly<Values>;
}

/**
 * What a component's recipe overrides are made of, in the order they were merged: each applied
 * overlay's inline overrides, then the facts locked from the snapshot. valuesProvenance reads it.
 */
export interface ComponentOrigins {
  readonly overrides: readonly OverrideOrigin[];
  readonly locks: readonly SnapshotLock[];
}

/** A recipe with, by component name, where its overrides came from (not part of the document). */
export interface AssembledRecipe {
  readonly recipe: RecipeResult;
  readonly origins: ReadonlyMap<string, ComponentOrigins>;
}

export function buildRecipe(catalog: Catalog, options: BuildRecipeOptions): RecipeResult {
  return assembleRecipe(catalog, options).recipe;
}

export function assembleRecipe(catalog: Catalog, options: BuildRecipeOptions): AssembledRecipe {
  const matched = matchOverlays(catalog, options.criteria);
  const screened = options.snapshot
    ? screenOverlays(matched, options.snapshot)
    : { applied: matched, reasons: new Map<string, string>(), warnings: [] };
  const constraints = mergeConstraints(matched, screened.reasons);
  const leftOut = componentsOf(matched.filter((o) => screened.reasons.has(o.metadata.name)));
  const origins = new Map<string, ComponentOrigins>();
  const refs = [...mergeComponentRefs(screened.applied).values()]
    // An applied overlay that only refines (no version) a component an excluded overlay brings,
    // e.g. gb200-oke's DRA driver root when gb200 is excluded, leaves with that component.
    .filter(({ ref }) => ref.version !== undefined || !leftOut.has(ref.name))
    .map(({ ref, overrides }) => {
      const resolved = resolveComponent(catalog, ref, options.snapshot);
      origins.set(ref.name, { overrides, locks: resolved.locks });
      return resolved.component;
    });
  const deploymentOrder = orderComponents(refs);
  const position = new Map(deploymentOrder.map((name, index) => [name, index]));
  refs.sort((a, b) => (position.get(a.name) ?? 0) - (position.get(b.name) ?? 0));
  const recipe: RecipeResult = {
    kind: KINDS.recipeResult,
    apiVersion: API_VERSION,
    metadata: {
      generatedAt: options.generatedAt.toISOString(),
      version: options.toolVersion,
      appliedOverlays: screened.applied.map((o) => o.metadata.name),
      ...(options.snapshot ? { excludedOverlays: [...screened.reasons.keys()] } : {}),
      ...(screened.warnings.length > 0 ? { constraintWarnings: screened.warnings } : {}),
    },
    criteria: { ...options.criteria },
    constraints,
    componentRefs: refs,
    deploymentOrder,
  };
  const coherenceWarnings = checkCoherence(catalog, recipe);
  if (coherenceWarnings.length > 0) recipe.metadata.coherenceWarnings = coherenceWarnings;
  return { recipe, origins };
}

/** The coherence rules the recipe breaks (none for the embedded data: the data tests see to that). */
function checkCoherence(catalog: Catalog, recipe: RecipeResult): CoherenceWarning[] {
  const rules = catalog.rules ?? [];
  if (rules.length === 0) return [];
  const merged = new Map<string, Values>();
  const valuesOf = (name: string): Values => {
    let values = merged.get(name);
    if (values === undefined) {
      const ref = recipe.componentRefs.find((candidate) => candidate.name === name);
      values = ref ? componentValues(catalog, ref) : {};
      merged.set(name, values);
    }
    return values;
  };
  return evaluateCoherenceRules(rules, { ...recipe, valuesOf }, catalog.components).map(
    (violation) => ({
      rule: violation.rule,
      message: describeViolation(violation),
      source: violation.source,
    }),
  );
}

interface Screened {
  readonly applied: Overlay[];
  /** Why each excluded overlay was left out, by name, in overlay order. */
  readonly reasons: ReadonlyMap<string, string>;
  readonly warnings: ConstraintWarning[];
}

/**
 * Drops overlays whose own error-severity constraints fail on the snapshot, with their descendants.
 * The root overlay stays (it carries the defaults every recipe needs); its failures become warnings.
 * Skipped constraints (value not measured) never exclude.
 */
function screenOverlays(overlays: readonly Overlay[], snapshot: Snapshot): Screened {
  const applied: Overlay[] = [];
  const reasons = new Map<string, string>();
  const warnings: ConstraintWarning[] = [];
  for (const overlay of overlays) {
    const name = overlay.metadata.name;
    const { base } = overlay.spec;
    if (base !== undefined && reasons.has(base)) {
      reasons.set(name, `its parent overlay ${base} was excluded`);
      continue;
    }
    const failed = overlay.spec.constraints
      .map((constraint) => evaluateConstraint(constraint, snapshot))
      .filter((result) => result.status === 'failed');
    warnings.push(...failed.map((result) => toWarning(name, result)));
    const blocking = failed.filter((result) => result.severity === 'error');
    if (blocking.length > 0 && base !== undefined) {
      reasons.set(name, blocking.map((r) => `${r.name}: ${r.message}`).join('; '));
    } else applied.push(overlay);
  }
  return { applied, reasons, warnings };
}

function toWarning(overlay: string, result: ConstraintResult): ConstraintWarning {
  return {
    overlay,
    name: result.name,
    expected: result.expected,
    ...(result.actual === undefined ? {} : { actual: result.actual }),
    status: result.status,
    message: result.message,
  };
}

/**
 * Constraints by name; a later overlay replaces an earlier one in place, so first-seen order holds.
 * A constraint whose winning definition comes from an excluded overlay says so.
 */
function mergeConstraints(
  overlays: readonly Overlay[],
  exclusions: ReadonlyMap<string, string>,
): RecipeConstraint[] {
  const byName = new Map<string, RecipeConstraint>();
  for (const overlay of overlays) {
    const because = exclusions.get(overlay.metadata.name);
    for (const constraint of overlay.spec.constraints) {
      byName.set(
        constraint.name,
        because === undefined
          ? constraint
          : { ...constraint, excludedOverlay: overlay.metadata.name, excludedBecause: because },
      );
    }
  }
  return [...byName.values()];
}

function componentsOf(overlays: readonly Overlay[]): Set<string> {
  return new Set(overlays.flatMap((o) => o.spec.componentRefs.map((ref) => ref.name)));
}

interface MergedRef {
  readonly ref: OverlayComponentRef;
  readonly overrides: readonly OverrideOrigin[];
}

/**
 * Component references by name, field by field, each with the overlays' overrides it merged;
 * `enabled: false` removes the component (and what it had merged).
 */
function mergeComponentRefs(overlays: readonly Overlay[]): Map<string, MergedRef> {
  const byName = new Map<string, MergedRef>();
  for (const overlay of overlays) {
    for (const ref of overlay.spec.componentRefs) {
      if (ref.enabled === false) {
        byName.delete(ref.name);
        continue;
      }
      const current = byName.get(ref.name);
      const own = ref.overrides ? [{ overlay: overlay.metadata.name, values: ref.overrides }] : [];
      byName.set(ref.name, {
        ref: current ? mergeComponentRef(current.ref, ref) : ref,
        overrides: [...(current?.overrides ?? []), ...own],
      });
    }
  }
  return byName;
}

function mergeComponentRef(
  current: OverlayComponentRef,
  next: OverlayComponentRef,
): OverlayComponentRef {
  const { overrides, ...rest } = next;
  const merged: OverlayComponentRef = { ...current };
  for (const [key, value] of Object.entries(rest))
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  if (overrides) merged.overrides = mergeValues(current.overrides ?? {}, overrides);
  delete merged.enabled;
  return merged;
}

function resolveComponent(
  catalog: Catalog,
  ref: OverlayComponentRef,
  snapshot: Snapshot | undefined,
): { component: RecipeComponentRef; locks: readonly SnapshotLock[] } {
  const registry = catalog.components[ref.name];
  if (!registry) {
    throw new CnsError('BAD_DATA', `component "${ref.name}" is not in the registry`, {
      details: { component: ref.name },
    });
  }
  if (ref.version === undefined) {
    throw new CnsError(
      'BAD_DATA',
      `component "${ref.name}" has no version in any applied overlay`,
      { details: { component: ref.name } },
    );
  }
  const { overrides, locks } = snapshot
    ? lockSnapshotFacts(catalog, registry, ref, ref.overrides ?? {}, snapshot)
    : { overrides: ref.overrides ?? {}, locks: [] };
  const component: RecipeComponentRef = {
    name: ref.name,
    type: registry.type,
    source: ref.source ?? registry.helm.repository,
    chart: registry.helm.chart,
    namespace: registry.namespace,
    version: ref.version,
    ...(ref.valuesFile ? { valuesFile: ref.valuesFile } : {}),
    ...(Object.keys(overrides).length > 0 ? { overrides: sortKeysDeep(overrides) } : {}),
    ...(ref.manifestFiles && ref.manifestFiles.length > 0
      ? { manifestFiles: [...ref.manifestFiles] }
      : {}),
    ...(ref.dependencyRefs && ref.dependencyRefs.length > 0
      ? { dependencyRefs: [...ref.dependencyRefs] }
      : {}),
  };
  return { component, locks };
}
