/**
 * @module Validates a set of data files (path → text) into a Catalog, or reports every problem found,
 * each with its file and line: schema errors, unresolved references, parent cycles, overlays with
 * identical criteria, and children whose criteria do not refine their parent's. A user's files (laid
 * over the embedded ones with --data) are named by their own path in messages, and a user's
 * registry.yaml is read on its own, so its lines are its lines. One mistake is one problem: a
 * component, overlay, values file or manifest that exists but is invalid is reported where it is,
 * and what refers to it is not reported again as referring to nothing.
 */
import { isMap, LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { z } from 'zod';
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
  registryComponentSchema,
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

/** Where data files came from, when a user's data directory is laid over the embedded data. */
export interface DataOrigin {
  /** How the user named the directory (`--data my-data`): its files are `my-data/<path>` in messages. */
  readonly userLabel: string;
  /** The paths the user's directory supplied (they replaced or joined the embedded files). */
  readonly userPaths: readonly string[];
  /** The user's registry.yaml: its components replace the embedded ones by name, new names are added. */
  readonly userRegistry?: string;
}

/** Data files and, for a user's directory laid over the embedded data, where they came from. */
export interface DataFiles {
  readonly files: Readonly<Record<string, string>>;
  readonly origin?: DataOrigin;
}

/** What exists in the data but is invalid: references to it are not problems of their own. */
interface Broken {
  readonly components: Set<string>;
  readonly overlays: Set<string>;
  readonly files: Set<string>;
}

/** Parses and cross-checks data files. @throws CnsError BAD_DATA listing the problems. */
export function parseCatalog(
  files: Readonly<Record<string, string>>,
  origin?: DataOrigin,
): Catalog {
  const problems: CatalogProblem[] = [];
  const broken: Broken = { components: new Set(), overlays: new Set(), files: new Set() };
  const userPaths = new Set(origin?.userPaths ?? []);
  const label = (path: string) =>
    origin && userPaths.has(path) ? `${origin.userLabel}/${path}` : path;
  const paths = Object.keys(files).sort();
  const registryText = files[REGISTRY_FILE];
  if (registryText === undefined) problems.push({ file: REGISTRY_FILE, message: 'missing' });
  const registries = [
    ...(registryText === undefined ? [] : [{ file: label(REGISTRY_FILE), text: registryText }]),
    ...(origin?.userRegistry === undefined
      ? []
      : [{ file: `${origin.userLabel}/${REGISTRY_FILE}`, text: origin.userRegistry }]),
  ];
  const byName = new Map<string, RegistryComponent>();
  const registryOf = new Map<string, string>();
  for (const { file, text } of registries) {
    for (const component of readRegistry(text, file, problems, broken)) {
      byName.set(component.name, component);
      registryOf.set(component.name, file);
    }
  }
  const components: Record<string, RegistryComponent> = Object.fromEntries(
    [...byName].sort(([a], [b]) => compareText(a, b)),
  );

  const overlays: Record<string, Overlay> = {};
  const values: Record<string, ValuesObject> = {};
  const manifests: Record<string, string> = {};
  const rules: PlacedRule[] = [];
  let seedDeviations: SeedDeviations | undefined;
  let coverage: CoverageNotes | undefined;
  for (const path of paths) {
    const text = files[path] ?? '';
    if (path === REGISTRY_FILE || !/\.ya?ml$/.test(path)) continue;
    const file = label(path);
    if (path.startsWith(OVERLAYS_DIR)) {
      const expected = path.slice(OVERLAYS_DIR.length).replace(/\.ya?ml$/, '');
      const overlay = readTyped(overlaySchema, text, file, problems);
      if (!overlay) {
        broken.overlays.add(expected);
        continue;
      }
      if (overlay.metadata.name !== expected) {
        problems.push({
          file,
          message: `metadata.name "${overlay.metadata.name}" must equal the file name "${expected}"`,
        });
      }
      overlays[overlay.metadata.name] = overlay;
    } else if (path.startsWith(RULES_DIR)) {
      const rulesFile = readTyped(coherenceRulesFileSchema, text, file, problems);
      for (const rule of rulesFile?.rules ?? []) rules.push({ file, rule });
    } else if (path === SEED_DEVIATIONS_FILE) {
      seedDeviations = readTyped(seedDeviationsSchema, text, file, problems);
    } else if (path === COVERAGE_FILE) {
      coverage = readTyped(coverageNotesSchema, text, file, problems);
    } else if (path.startsWith(COMPONENTS_DIR) && path.split('/').includes('manifests')) {
      if (readManifest(text, file, problems)) manifests[path] = text;
      else broken.files.add(path);
    } else if (path.startsWith(COMPONENTS_DIR)) {
      const parsed = readYaml(text, file, problems);
      const value: unknown = parsed === undefined ? undefined : (parsed.value ?? {});
      if (isPlainObject(value)) values[path] = value;
      else {
        if (parsed !== undefined)
          problems.push({ file, message: 'a values file must be a mapping' });
        broken.files.add(path);
      }
    } else {
      problems.push({
        file,
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
  problems.push(
    ...checkReferences(catalog, broken, label, registryOf),
    ...checkRuleReferences(rules, components, broken.components),
  );
  if (problems.length > 0) throw dataError(problems);
  return catalog;
}

function checkReferences(
  catalog: Catalog,
  broken: Broken,
  label: (path: string) => string,
  registryOf: ReadonlyMap<string, string>,
): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const { overlays, values, manifests } = catalog;
  // Invalid entries count as present: their own problem is already reported where they are.
  const hasComponent = (name: string) =>
    catalog.components[name] !== undefined || broken.components.has(name);
  const hasOverlay = (name: string) => overlays[name] !== undefined || broken.overlays.has(name);
  const hasValues = (path: string) => values[path] !== undefined || broken.files.has(path);
  const hasManifest = (path: string) => manifests[path] !== undefined || broken.files.has(path);
  for (const component of Object.values(catalog.components)) {
    if (component.valuesFile && !hasValues(component.valuesFile)) {
      problems.push({
        file: registryOf.get(component.name) ?? REGISTRY_FILE,
        message: `${component.name}: valuesFile ${component.valuesFile} does not exist`,
      });
    }
  }
  const deviations = catalog.seedDeviations;
  if (deviations && !hasComponent(deviations.component)) {
    problems.push({
      file: label(SEED_DEVIATIONS_FILE),
      message: `component "${deviations.component}" is not in the registry`,
    });
  }
  const seenCriteria = new Map<string, string>();
  for (const overlay of Object.values(overlays)) {
    const file = label(`${OVERLAYS_DIR}${overlay.metadata.name}.yaml`);
    const { base, criteria, componentRefs } = overlay.spec;
    if (base !== undefined) {
      const parent = overlays[base];
      if (!hasOverlay(base)) problems.push({ file, message: `base "${base}" is not an overlay` });
      else if (parent) {
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
      if (!hasComponent(ref.name))
        problems.push({ file, message: `componentRefs: "${ref.name}" is not in the registry` });
      if (ref.valuesFile && !hasValues(ref.valuesFile))
        problems.push({
          file,
          message: `${ref.name}: valuesFile ${ref.valuesFile} does not exist`,
        });
      for (const manifest of ref.manifestFiles ?? []) {
        if (!hasManifest(manifest))
          problems.push({ file, message: `${ref.name}: manifest ${manifest} does not exist` });
      }
      for (const dependency of ref.dependencyRefs ?? []) {
        if (!hasComponent(dependency))
          problems.push({
            file,
            message: `${ref.name}: dependency "${dependency}" is not in the registry`,
          });
      }
    }
  }
  problems.push(...findParentCycles(overlays, label));
  return problems;
}

function findParentCycles(
  overlays: Readonly<Record<string, Overlay>>,
  label: (path: string) => string,
): CatalogProblem[] {
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
            file: label(`${OVERLAYS_DIR}${current}.yaml`),
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

/** Envelope of a registry file; each component is checked on its own so one bad entry stays one. */
const registryEnvelopeSchema = registrySchema.extend({ components: z.array(z.unknown()).min(1) });

/**
 * The valid components of one registry file. An invalid entry is reported at its own line and its
 * name (when it has one) recorded as broken, so the overlays that use it do not report it missing.
 */
function readRegistry(
  text: string,
  file: string,
  problems: CatalogProblem[],
  broken: Broken,
): RegistryComponent[] {
  const parsed = readYaml(text, file, problems);
  if (!parsed) return [];
  const envelope = registryEnvelopeSchema.safeParse(parsed.value);
  if (!envelope.success) {
    reportIssues(envelope.error.issues, [], parsed, file, problems);
    // Without a components list nothing can be salvaged; with one, its entries still are.
    const listed = isPlainObject(parsed.value) ? parsed.value.components : undefined;
    if (!Array.isArray(listed)) return [];
  }
  const listed = (parsed.value as { components: unknown[] }).components;
  const valid: RegistryComponent[] = [];
  const seen = new Set<string>();
  listed.forEach((entry, index) => {
    const name = isPlainObject(entry) && typeof entry.name === 'string' ? entry.name : undefined;
    if (name !== undefined && seen.has(name))
      problems.push({
        file,
        line: parsed.lineAt(['components', index]),
        message: `component "${name}" is listed twice`,
      });
    if (name !== undefined) seen.add(name);
    const result = registryComponentSchema.safeParse(entry);
    if (result.success) valid.push(result.data);
    else {
      if (name !== undefined) broken.components.add(name);
      reportIssues(result.error.issues, ['components', index], parsed, file, problems);
    }
  });
  return valid;
}

function reportIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
  parsed: ParsedYaml,
  file: string,
  problems: CatalogProblem[],
): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const at = formatIssuePath(path);
    problems.push({
      file,
      line: parsed.lineAt(path),
      message: `${at ? `${at}: ` : ''}${issue.message}`,
    });
  }
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
  reportIssues(result.error.issues, [], parsed, file, problems);
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
