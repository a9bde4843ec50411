/**
 * @module Validates a set of data files (path → text) into a Catalog, or reports every problem found,
 * each with its file and line: schema errors, unresolved references, parent cycles, overlays with
 * identical criteria, and children whose criteria do not refine their parent's.
 */
import { isMap, LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatIssuePath } from '../shared/documents.js';
import { CnsError } from '../shared/errors.js';
import {
  COMPONENTS_DIR,
  COVERAGE_FILE,
  OVERLAYS_DIR,
  REGISTRY_FILE,
  RULES_DIR,
  SEED_DEVIATIONS_FILE,
  type Catalog,
} from './catalog.js';
import {
  coverageNotesSchema,
  overlaySchema,
  registrySchema,
  seedDeviationsSchema,
  type CoverageNotes,
  type Overlay,
  type RegistryComponent,
  type SeedDeviations,
  type ValuesObject,
} from './catalog-schema.js';
import { coherenceRulesFileSchema, type CoherenceRule } from './coherence-rule-schema.js';
import { checkRuleReferences, type PlacedRule } from './check-rule-references.js';
import { DIMENSION_NAMES } from './criteria.js';

export interface CatalogProblem {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

const MAX_LISTED_PROBLEMS = 10;

/** Parses and cross-checks data files. @throws CnsError BAD_DATA listing the problems. */
export function parseCatalog(files: Readonly<Record<string, string>>): Catalog {
  const problems: CatalogProblem[] = [];
  const paths = Object.keys(files).sort();
  const registryText = files[REGISTRY_FILE];
  if (registryText === undefined) problems.push({ file: REGISTRY_FILE, message: 'missing' });
  const registry =
    registryText === undefined
      ? undefined
      : readTyped(registrySchema, registryText, REGISTRY_FILE, problems);

  const components: Record<string, RegistryComponent> = {};
  for (const component of [...(registry?.components ?? [])].sort((a, b) =>
    compareText(a.name, b.name),
  )) {
    if (components[component.name]) {
      problems.push({
        file: REGISTRY_FILE,
        message: `component "${component.name}" is listed twice`,
      });
    }
    components[component.name] = component;
  }

  const overlays: Record<string, Overlay> = {};
  const values: Record<string, ValuesObject> = {};
  const manifests: Record<string, string> = {};
  const rules: PlacedRule[] = [];
  let seedDeviations: SeedDeviations | undefined;
  let coverage: CoverageNotes | undefined;
  for (const path of paths) {
    const text = files[path] ?? '';
    if (path === REGISTRY_FILE || !/\.ya?ml$/.test(path)) continue;
    if (path.startsWith(OVERLAYS_DIR)) {
      const overlay = readTyped(overlaySchema, text, path, problems);
      if (!overlay) continue;
      const expected = path.slice(OVERLAYS_DIR.length).replace(/\.ya?ml$/, '');
      if (overlay.metadata.name !== expected) {
        problems.push({
          file: path,
          message: `metadata.name "${overlay.metadata.name}" must equal the file name "${expected}"`,
        });
      }
      overlays[overlay.metadata.name] = overlay;
    } else if (path.startsWith(RULES_DIR)) {
      const file = readTyped(coherenceRulesFileSchema, text, path, problems);
      for (const rule of file?.rules ?? []) rules.push({ file: path, rule });
    } else if (path === SEED_DEVIATIONS_FILE) {
      seedDeviations = readTyped(seedDeviationsSchema, text, path, problems);
    } else if (path === COVERAGE_FILE) {
      coverage = readTyped(coverageNotesSchema, text, path, problems);
    } else if (path.startsWith(COMPONENTS_DIR) && path.split('/').includes('manifests')) {
      if (readManifest(text, path, problems)) manifests[path] = text;
    } else if (path.startsWith(COMPONENTS_DIR)) {
      const parsed = readYaml(text, path, problems);
      if (parsed !== undefined) {
        const value: unknown = parsed.value ?? {};
        if (isPlainObject(value)) values[path] = value;
        else problems.push({ file: path, message: 'a values file must be a mapping' });
      }
    } else {
      problems.push({
        file: path,
        message: `unexpected file: data holds ${REGISTRY_FILE}, ${SEED_DEVIATIONS_FILE}, ${COVERAGE_FILE}, overlays/, components/ and rules/`,
      });
    }
  }

  const catalog: Catalog = {
    components,
    overlays,
    values,
    manifests,
    rules: rules.map((placed): CoherenceRule => placed.rule),
    ...(seedDeviations ? { seedDeviations } : {}),
    ...(coverage ? { coverage } : {}),
  };
  problems.push(...checkReferences(catalog), ...checkRuleReferences(rules, components));
  if (problems.length > 0) throw dataError(problems);
  return catalog;
}

function checkReferences(catalog: Catalog): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const { components, overlays, values, manifests } = catalog;
  for (const component of Object.values(components)) {
    if (component.valuesFile && !values[component.valuesFile]) {
      problems.push({
        file: REGISTRY_FILE,
        message: `${component.name}: valuesFile ${component.valuesFile} does not exist`,
      });
    }
  }
  const deviations = catalog.seedDeviations;
  if (deviations && !components[deviations.component]) {
    problems.push({
      file: SEED_DEVIATIONS_FILE,
      message: `component "${deviations.component}" is not in the registry`,
    });
  }
  const seenCriteria = new Map<string, string>();
  for (const overlay of Object.values(overlays)) {
    const file = `${OVERLAYS_DIR}${overlay.metadata.name}.yaml`;
    const { base, criteria, componentRefs } = overlay.spec;
    if (base !== undefined) {
      const parent = overlays[base];
      if (!parent) problems.push({ file, message: `base "${base}" is not an overlay` });
      else {
        for (const dimension of DIMENSION_NAMES) {
          const own = parent.spec.criteria[dimension];
          if (own !== undefined && own !== 'any' && criteria[dimension] !== own) {
            problems.push({
              file,
              message: `criteria.${dimension} must be "${own}" like its base "${base}" (a child refines its parent)`,
            });
          }
        }
      }
    }
    const key = DIMENSION_NAMES.map((d) => criteria[d] ?? 'any').join('/');
    const twin = seenCriteria.get(key);
    if (twin)
      problems.push({ file, message: `same criteria as overlay "${twin}" (${key}): merge them` });
    else seenCriteria.set(key, overlay.metadata.name);
    for (const ref of componentRefs) {
      if (!components[ref.name])
        problems.push({ file, message: `componentRefs: "${ref.name}" is not in the registry` });
      if (ref.valuesFile && !values[ref.valuesFile])
        problems.push({
          file,
          message: `${ref.name}: valuesFile ${ref.valuesFile} does not exist`,
        });
      for (const manifest of ref.manifestFiles ?? []) {
        if (manifests[manifest] === undefined)
          problems.push({ file, message: `${ref.name}: manifest ${manifest} does not exist` });
      }
      for (const dependency of ref.dependencyRefs ?? []) {
        if (!components[dependency])
          problems.push({
            file,
            message: `${ref.name}: dependency "${dependency}" is not in the registry`,
          });
      }
    }
  }
  problems.push(...findParentCycles(overlays));
  return problems;
}

function findParentCycles(overlays: Readonly<Record<string, Overlay>>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const reported = new Set<string>();
  for (const start of Object.keys(overlays)) {
    const chain: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && overlays[current]) {
      if (chain.includes(current)) {
        const cycle = chain.slice(chain.indexOf(current));
        const key = [...cycle].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({
            file: `${OVERLAYS_DIR}${current}.yaml`,
            message: `parent cycle: ${[...cycle, current].join(' -> ')}`,
          });
        }
        break;
      }
      chain.push(current);
      current = overlays[current]?.spec.base;
    }
  }
  return problems;
}

interface ParsedYaml {
  readonly value: unknown;
  readonly lineAt: (path: readonly PropertyKey[]) => number | undefined;
}

function readYaml(text: string, file: string, problems: CatalogProblem[]): ParsedYaml | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    problems.push({ file, line: error.linePos?.[0].line, message: firstLine(error.message) });
    return undefined;
  }
  return {
    value: doc.toJS() as unknown,
    lineAt: (path) => {
      for (let depth = path.length; depth >= 0; depth--) {
        const node: unknown = doc.getIn(path.slice(0, depth) as unknown[], true);
        const range = (node as { range?: [number, number, number] } | undefined)?.range;
        if (range) return lineCounter.linePos(range[0]).line;
      }
      return undefined;
    },
  };
}

function readTyped<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  problems: CatalogProblem[],
): z.output<S> | undefined {
  const parsed = readYaml(text, file, problems);
  if (!parsed) return undefined;
  const result = schema.safeParse(parsed.value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = formatIssuePath(issue.path);
    problems.push({
      file,
      line: parsed.lineAt(issue.path),
      message: `${at ? `${at}: ` : ''}${issue.message}`,
    });
  }
  return undefined;
}

function readManifest(text: string, file: string, problems: CatalogProblem[]): boolean {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return true;
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      problems.push({ file, line: error.linePos?.[0].line, message: firstLine(error.message) });
      return false;
    }
    if (doc.contents !== null && !isMap(doc.contents)) {
      problems.push({
        file,
        message: 'every document in a manifest must be a Kubernetes object (a mapping)',
      });
      return false;
    }
  }
  return true;
}

function dataError(problems: readonly CatalogProblem[]): CnsError {
  const lines = problems
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  if (problems.length > MAX_LISTED_PROBLEMS)
    lines.push(`  ... and ${problems.length - MAX_LISTED_PROBLEMS} more`);
  return new CnsError(
    'BAD_DATA',
    `recipe data is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    {
      details: { problems },
    },
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
