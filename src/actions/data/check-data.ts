/**
 * @module The data check shared by `cnsctl data check` (and any other shell): lay a data directory over
 * the embedded files, then run the schema and reference checks (parseCatalog), coverage (every query
 * builds; every accelerator × service pair has an overlay or a fallback note), the values-path check
 * against a charts directory, and the coherence rules on every recipe. Problems are data, one per line.
 */
import type { Catalog } from '../../core/recipe/catalog.js';
import { checkEveryRecipe } from '../../core/recipe/check-recipes.js';
import {
  pinnedVersions,
  selectChartFolder,
  unknownValuesPaths,
} from '../../core/recipe/check-values-paths.js';
import { coverageProblems } from '../../core/recipe/coverage-matrix.js';
import { describeCriteria } from '../../core/recipe/criteria.js';
import { parseCatalog, type CatalogProblem } from '../../core/recipe/parse-catalog.js';
import { isCnsError } from '../../core/shared/errors.js';
import type { ActionDeps } from '../ports.js';

export const DATA_CHECKS = ['schema', 'coverage', 'values-path', 'coherence'] as const;
export type DataCheck = (typeof DATA_CHECKS)[number];

export interface DataProblem {
  readonly check: DataCheck;
  readonly where: string;
  readonly message: string;
}

export interface DataCheckReport {
  readonly problems: readonly DataProblem[];
  /** What was not checked and why (no charts directory, a chart missing from it). */
  readonly notes: readonly string[];
  /** Criteria combinations checked, and the distinct recipes built for them. */
  readonly queries: number;
  readonly recipes: number;
}

export interface CheckDataRequest {
  readonly dataDir?: string | undefined;
  readonly chartsDir?: string | undefined;
}

export type CheckDataDeps = Pick<ActionDeps, 'catalogLoader' | 'chartFolders'>;

export async function checkData(
  request: CheckDataRequest,
  deps: CheckDataDeps,
): Promise<DataCheckReport> {
  const { files, origin } = await deps.catalogLoader.files(request.dataDir);
  let catalog: Catalog;
  try {
    catalog = parseCatalog(files, origin);
  } catch (error) {
    if (!isCnsError(error) || error.code !== 'BAD_DATA') throw error;
    const problems = (error.details.problems ?? []) as CatalogProblem[];
    return {
      problems: problems.map((p) => ({
        check: 'schema',
        where: `${p.file}${p.line ? `:${p.line}` : ''}`,
        message: p.message,
      })),
      notes: ['the other checks need data that parses'],
      queries: 0,
      recipes: 0,
    };
  }
  const every = checkEveryRecipe(catalog);
  const problems: DataProblem[] = [
    ...coverageProblems(catalog).map((p) => ({ check: 'coverage' as const, ...p })),
    ...every.problems.map((p) => ({
      check: p.rule === undefined ? ('coverage' as const) : ('coherence' as const),
      where: `${describeCriteria(p.criteria)}${p.alike > 0 ? ` (and ${p.alike} more queries)` : ''}`,
      message: p.message,
    })),
  ];
  const notes: string[] = [];
  if (request.chartsDir === undefined) {
    notes.push('values paths not checked: give --charts DIR to check them against the charts');
  } else {
    const checked = await checkValuesPaths(catalog, request.chartsDir, deps);
    problems.push(...checked.problems);
    notes.push(...checked.notes);
  }
  return { problems, notes, queries: every.queries, recipes: every.recipes };
}

async function checkValuesPaths(
  catalog: Catalog,
  chartsDir: string,
  deps: CheckDataDeps,
): Promise<{ problems: DataProblem[]; notes: string[] }> {
  const charts = [...new Set(Object.values(catalog.components).map((c) => c.helm.chart))];
  const folders = await deps.chartFolders.read(chartsDir, charts);
  const problems: DataProblem[] = [];
  const notes: string[] = [];
  for (const [component, versions] of pinnedVersions(catalog)) {
    const chart = catalog.components[component]?.helm.chart ?? component;
    for (const version of versions) {
      const { folder, assumed } = selectChartFolder(folders, chart, version, { lenient: true });
      if (!folder) {
        notes.push(
          `${component} ${version}: no chart ${chart} at that version in ${chartsDir}, values not checked`,
        );
        continue;
      }
      if (assumed)
        notes.push(
          `${component} ${version}: ${chartsDir}/${folder.folder} does not say its version; taken as ${version}`,
        );
      for (const problem of unknownValuesPaths(catalog, component, version, folder))
        problems.push({ check: 'values-path', where: problem.where, message: problem.message });
    }
  }
  return { problems, notes };
}
