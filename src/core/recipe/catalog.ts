/**
 * @module The validated, immutable recipe data: registry, overlays, values files and manifests, keyed so
 * that the engine never touches a file. Built by parseCatalog; plain objects so it survives JSON (the
 * embedded catalog is precompiled at build time).
 */
import type { Overlay, RegistryComponent, SeedDeviations, ValuesObject } from './catalog-schema.js';

export interface Catalog {
  /** Registry entries by component name, in name order. */
  readonly components: Readonly<Record<string, RegistryComponent>>;
  /** Overlays by name, in name order. */
  readonly overlays: Readonly<Record<string, Overlay>>;
  /** Parsed values files by data path (`components/<name>/<file>.yaml`). */
  readonly values: Readonly<Record<string, ValuesObject>>;
  /** Manifest file text by data path. */
  readonly manifests: Readonly<Record<string, string>>;
  /** Where our values knowingly differ from the demo report's Appendix C.1 (seed-deviations.yaml). */
  readonly seedDeviations?: SeedDeviations;
}

export const REGISTRY_FILE = 'registry.yaml';
export const OVERLAYS_DIR = 'overlays/';
export const COMPONENTS_DIR = 'components/';
export const SEED_DEVIATIONS_FILE = 'seed-deviations.yaml';
