/**
 * @module The validated, immutable recipe data: registry, overlays, values files and manifests, keyed so
 * that the engine never touches a file. Built by parseCatalog; plain objects so it survives JSON (the
 * embedded catalog is precompiled at build time).
 */
import type {
  CoverageNotes,
  Overlay,
  RegistryComponent,
  SeedDeviations,
  ValuesObject,
} from './catalog-schema.js';
import type { CoherenceRule } from './coherence-rule-schema.js';

export interface Catalog {
  /** Registry entries by component name, in name order. */
  readonly components: Readonly<Record<string, RegistryComponent>>;
  /** Overlays by name, in name order. */
  readonly overlays: Readonly<Record<string, Overlay>>;
  /** Parsed values files by data path (`components/<name>/<file>.yaml`). */
  readonly values: Readonly<Record<string, ValuesObject>>;
  /** Manifest file text by data path. */
  readonly manifests: Readonly<Record<string, string>>;
  /** Coherence rules from rules/*.yaml, in file then rule order; absent = none. */
  readonly rules?: readonly CoherenceRule[];
  /** Where the data deliberately departs from the demo's Appendix C.1 (seed-deviations.yaml). */
  readonly seedDeviations?: SeedDeviations;
  /** Documented fallbacks for accelerator × service pairs without an overlay (coverage.yaml). */
  readonly coverage?: CoverageNotes;
}

export const REGISTRY_FILE = 'registry.yaml';
export const OVERLAYS_DIR = 'overlays/';
export const COMPONENTS_DIR = 'components/';
export const RULES_DIR = 'rules/';
export const SEED_DEVIATIONS_FILE = 'seed-deviations.yaml';
export const COVERAGE_FILE = 'coverage.yaml';
