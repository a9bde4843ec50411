/**
 * @module Two recipes side by side, the way one reviews an upgrade: components added, removed or at
 * another version; constraints added, removed or changed (value, severity or remediation); overlays
 * that apply to one side only; and, for components on both sides, the values leaves that differ,
 * each with the layer that set it on either side. Pure and small: the explorer runs it in the browser.
 */
import type { RecipeConstraint, RecipeResult } from './recipe-result.js';
import type { ValuesLeaf } from './values-provenance.js';

export interface ComparedRecipe {
  readonly recipe: Pick<RecipeResult, 'componentRefs' | 'constraints' | 'metadata'>;
  /** Each component's traced values leaves (valuesProvenance), by component name. */
  readonly leaves?: Readonly<Record<string, readonly ValuesLeaf[]>>;
}

export interface ComponentSide {
  readonly name: string;
  readonly version?: string | undefined;
}

export interface Change<T> {
  readonly name: string;
  readonly from: T;
  readonly to: T;
}

export interface ValueDifference {
  readonly component: string;
  readonly path: readonly string[];
  /** Absent where side A has no such leaf. */
  readonly from?: ValuesLeaf;
  /** Absent where side B has no such leaf. */
  readonly to?: ValuesLeaf;
}

export interface RecipeComparison {
  readonly components: {
    readonly added: readonly ComponentSide[];
    readonly removed: readonly ComponentSide[];
    readonly changed: readonly Change<string | undefined>[];
    readonly unchanged: readonly string[];
  };
  readonly constraints: {
    readonly added: readonly RecipeConstraint[];
    readonly removed: readonly RecipeConstraint[];
    readonly changed: readonly Change<RecipeConstraint>[];
  };
  readonly overlays: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly values: readonly ValueDifference[];
}

export function compareRecipes(a: ComparedRecipe, b: ComparedRecipe): RecipeComparison {
  const before = new Map(a.recipe.componentRefs.map((ref) => [ref.name, ref]));
  const after = new Map(b.recipe.componentRefs.map((ref) => [ref.name, ref]));
  const shared = [...after.keys()].filter((name) => before.has(name));
  const side = ({ name, version }: ComponentSide): ComponentSide => ({ name, version });
  const versionChanges = shared
    .map((name) => ({ name, from: before.get(name)?.version, to: after.get(name)?.version }))
    .filter(({ from, to }) => from !== to);
  const appliedA = a.recipe.metadata.appliedOverlays;
  const appliedB = b.recipe.metadata.appliedOverlays;
  return {
    components: {
      added: b.recipe.componentRefs.filter((ref) => !before.has(ref.name)).map(side),
      removed: a.recipe.componentRefs.filter((ref) => !after.has(ref.name)).map(side),
      changed: versionChanges,
      unchanged: shared.filter((name) => !versionChanges.some((change) => change.name === name)),
    },
    constraints: compareConstraints(a.recipe.constraints, b.recipe.constraints),
    overlays: {
      added: appliedB.filter((name) => !appliedA.includes(name)),
      removed: appliedA.filter((name) => !appliedB.includes(name)),
    },
    values: shared.flatMap((name) =>
      compareLeaves(name, a.leaves?.[name] ?? [], b.leaves?.[name] ?? []),
    ),
  };
}

function compareConstraints(
  a: readonly RecipeConstraint[],
  b: readonly RecipeConstraint[],
): RecipeComparison['constraints'] {
  const before = new Map(a.map((constraint) => [constraint.name, constraint]));
  const after = new Map(b.map((constraint) => [constraint.name, constraint]));
  const meaning = (c: RecipeConstraint) =>
    JSON.stringify([c.value, c.severity ?? 'error', c.remediation ?? '']);
  return {
    added: b.filter((constraint) => !before.has(constraint.name)),
    removed: a.filter((constraint) => !after.has(constraint.name)),
    changed: b.flatMap((to) => {
      const from = before.get(to.name);
      return from && meaning(from) !== meaning(to) ? [{ name: to.name, from, to }] : [];
    }),
  };
}

function compareLeaves(
  component: string,
  a: readonly ValuesLeaf[],
  b: readonly ValuesLeaf[],
): ValueDifference[] {
  const key = (leaf: ValuesLeaf) => JSON.stringify(leaf.path);
  const before = new Map(a.map((leaf) => [key(leaf), leaf]));
  const after = new Map(b.map((leaf) => [key(leaf), leaf]));
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths.flatMap((path) => {
    const from = before.get(path);
    const to = after.get(path);
    if (from && to && JSON.stringify(from.value) === JSON.stringify(to.value)) return [];
    const leaf = (from ?? to) as ValuesLeaf;
    return [{ component, path: leaf.path, ...(from ? { from } : {}), ...(to ? { to } : {}) }];
  });
}
