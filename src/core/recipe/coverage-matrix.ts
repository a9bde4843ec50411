/**
 * @module Accelerator × service coverage: for each GPU and each service, the overlays written for that
 * pair, or the documented fallback from coverage.yaml. An overlay covers a pair when it names both, or,
 * for the self-managed column (service any), when it names the accelerator and leaves the service open.
 * docs/coverage.md is rendered from this (and a test keeps it current).
 */
import { COVERAGE_FILE, type Catalog } from './catalog.js';
import { ACCELERATORS, ANY, SERVICES, type Accelerator, type Service } from './criteria.js';
import { compareText } from './match-overlays.js';

export const COVERAGE_ACCELERATORS = ACCELERATORS.filter((a) => a !== ANY);
export const COVERAGE_SERVICES = SERVICES;

export interface CoverageCell {
  readonly accelerator: Accelerator;
  readonly service: Service;
  /** Overlays written for this pair, by name. */
  readonly overlays: readonly string[];
  /** The documented fallback, where no overlay covers the pair. */
  readonly note?: string;
}

export interface CoverageProblem {
  readonly where: string;
  readonly message: string;
}

export function coverageCells(catalog: Catalog): CoverageCell[] {
  const notes = catalog.coverage?.fallbacks ?? [];
  return COVERAGE_ACCELERATORS.flatMap((accelerator) =>
    COVERAGE_SERVICES.map((service) => {
      const overlays = Object.values(catalog.overlays)
        .filter(({ spec: { criteria } }) => {
          if (criteria.accelerator !== accelerator) return false;
          const open = criteria.service === undefined || criteria.service === ANY;
          return service === ANY ? open : criteria.service === service;
        })
        .map((overlay) => overlay.metadata.name)
        .sort(compareText);
      const note = notes.find((n) => n.accelerator === accelerator && n.service === service)?.note;
      return note === undefined
        ? { accelerator, service, overlays }
        : { accelerator, service, overlays, note };
    }),
  );
}

/** Pairs with neither an overlay nor a note, notes for pairs an overlay covers, and repeated notes. */
export function coverageProblems(catalog: Catalog): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  for (const cell of coverageCells(catalog)) {
    const pair = `${cell.accelerator} on ${cell.service === ANY ? 'any service' : cell.service}`;
    if (cell.overlays.length === 0 && cell.note === undefined)
      problems.push({
        where: COVERAGE_FILE,
        message: `${pair}: no overlay names both and no fallback note explains the recipe it gets`,
      });
    if (cell.overlays.length > 0 && cell.note !== undefined)
      problems.push({
        where: COVERAGE_FILE,
        message: `${pair}: fallback note for a pair that overlays cover (${cell.overlays.join(', ')}): remove it`,
      });
  }
  const seen = new Set<string>();
  for (const { accelerator, service } of catalog.coverage?.fallbacks ?? []) {
    const key = `${accelerator}/${service}`;
    if (seen.has(key))
      problems.push({ where: COVERAGE_FILE, message: `${accelerator} on ${service}: noted twice` });
    seen.add(key);
  }
  return problems;
}

/** The coverage matrix as Markdown: one row per accelerator, one column per service, notes below. */
export function renderCoverageMatrix(catalog: Catalog): string {
  const cells = coverageCells(catalog);
  const notes: string[] = [];
  const header = COVERAGE_SERVICES.map((s) => (s === ANY ? 'any (self-managed)' : s));
  const rows = COVERAGE_ACCELERATORS.map((accelerator) => {
    const row = COVERAGE_SERVICES.map((service) => {
      const cell = cells.find((c) => c.accelerator === accelerator && c.service === service);
      if (!cell) return '';
      if (cell.overlays.length > 0) return cell.overlays.map((o) => `\`${o}\``).join(', ');
      if (cell.note === undefined) return 'not covered';
      notes.push(`${notes.length + 1}. **${accelerator} × ${service}**: ${cell.note}`);
      return `fallback (${notes.length})`;
    });
    return `| ${accelerator} | ${row.join(' | ')} |`;
  });
  return [
    `| accelerator | ${header.join(' | ')} |`,
    `|---|${header.map(() => '---').join('|')}|`,
    ...rows,
    '',
    'Fallbacks (from `data/coverage.yaml`): the recipe such a query gets, and what it lacks.',
    '',
    ...notes,
    '',
  ].join('\n');
}
