/**
 * @module Recipe drift: which of a recipe's constraints a snapshot no longer meets, phrased as drift
 * ("OS.sysctl./proc/sys/kernel/osrelease: expected >= 6.8, node has 5.15.0-1050-aws"). Failed
 * constraints of either severity are drift; constraints whose value the snapshot does not hold are
 * listed as unmeasured and, as in validate, neither met nor drifted. `--ignore`/`--only` select
 * constraints by name; the volatile-key defaults do not apply, because the recipe chose its keys.
 */
import type { Constraint, ConstraintSeverity } from '../recipe/catalog-schema.js';
import { API_VERSION } from '../shared/documents.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { validateRecipe } from '../validate/validate-recipe.js';
import { buildKeyFilter, type KeyFilterOptions } from './build-key-filter.js';
import { filterMetadata, type DiffFilterMetadata, type ReportMetadata } from './report-metadata.js';

export const RECIPE_DRIFT_KIND = 'RecipeDrift';

export interface DriftEntry {
  readonly name: string;
  readonly expected: string;
  readonly actual: string;
  readonly severity: ConstraintSeverity;
  /** The drift in one line: `<name>: expected <value>, node has <actual>`. */
  readonly message: string;
  /** Why the value does not meet the constraint, from the evaluator. */
  readonly reason: string;
  readonly remediation?: string;
}

export interface UnmeasuredEntry {
  readonly name: string;
  readonly expected: string;
  readonly reason: string;
}

export interface RecipeDrift {
  readonly kind: typeof RECIPE_DRIFT_KIND;
  readonly apiVersion: typeof API_VERSION;
  readonly metadata: ReportMetadata & {
    readonly recipe: string;
    readonly snapshot: string;
    readonly node?: string;
  } & Omit<DiffFilterMetadata, 'defaultIgnores'>;
  readonly summary: {
    readonly status: 'in-sync' | 'drifted';
    readonly constraints: number;
    readonly met: number;
    readonly drifted: number;
    readonly unmeasured: number;
    /** Constraints left out by --ignore/--only. */
    readonly ignored: number;
  };
  /** In recipe order. */
  readonly drift: readonly DriftEntry[];
  readonly unmeasured: readonly UnmeasuredEntry[];
}

export interface DriftInput {
  readonly recipe: { readonly source: string; readonly constraints: readonly Constraint[] };
  readonly snapshot: { readonly source: string; readonly snapshot: Snapshot };
}

/**
 * Evaluates the recipe's constraints as drift.
 * @throws CnsError BAD_CONSTRAINT for an unparsable constraint; USAGE for a malformed pattern.
 * @example evaluateDrift(input, {}, meta).drift[0].message // 'OS.release.ID: expected ubuntu, node has rhel'
 */
export function evaluateDrift(
  input: DriftInput,
  filterOptions: KeyFilterOptions,
  meta: ReportMetadata,
): RecipeDrift {
  const filter = buildKeyFilter({ ...filterOptions, defaultIgnores: false });
  const selected = input.recipe.constraints.filter((c) => filter.accepts(c.name));
  const { results } = validateRecipe(selected, input.snapshot.snapshot);
  const drift: DriftEntry[] = [];
  const unmeasured: UnmeasuredEntry[] = [];
  for (const result of results) {
    if (result.status === 'skipped') {
      unmeasured.push({ name: result.name, expected: result.expected, reason: result.message });
    } else if (result.status === 'failed') {
      const actual = result.actual ?? '';
      drift.push({
        name: result.name,
        expected: result.expected,
        actual,
        severity: result.severity,
        message: `${result.name}: expected ${result.expected}, node has ${actual}`,
        reason: result.message,
        ...(result.remediation === undefined ? {} : { remediation: result.remediation }),
      });
    }
  }
  const node = input.snapshot.snapshot.metadata['source-node'];
  const { ignore, only } = filterMetadata(filterOptions);
  return {
    kind: RECIPE_DRIFT_KIND,
    apiVersion: API_VERSION,
    metadata: {
      generatedAt: meta.generatedAt,
      version: meta.version,
      recipe: input.recipe.source,
      snapshot: input.snapshot.source,
      ...(node === undefined ? {} : { node }),
      ignore,
      only,
    },
    summary: {
      status: drift.length === 0 ? 'in-sync' : 'drifted',
      constraints: results.length,
      met: results.length - drift.length - unmeasured.length,
      drifted: drift.length,
      unmeasured: unmeasured.length,
      ignored: input.recipe.constraints.length - selected.length,
    },
    drift,
    unmeasured,
  };
}
