/**
 * @module The component registry as a reader wants it (cnsd's /v1/components, the recipe explorer):
 * each component with its chart, namespace, and the versions the overlays pin, each version with the
 * overlays that choose it. Versions are not in the registry itself; overlays choose them.
 */
import type { Catalog } from './catalog.js';
import { compareText } from './match-overlays.js';

export interface ComponentVersion {
  readonly version: string;
  /** The overlays that pin this version, by name. */
  readonly overlays: readonly string[];
}

export interface ComponentListing {
  readonly name: string;
  readonly displayName: string;
  readonly description?: string;
  readonly namespace: string;
  readonly chart: { readonly repository: string; readonly name: string };
  /** Sorted by version text; empty when no overlay pins one. */
  readonly versions: readonly ComponentVersion[];
}

/** Every registry component, by name, with the versions overlays pin for it. */
export function listComponents(catalog: Catalog): ComponentListing[] {
  const pins = new Map<string, Map<string, string[]>>();
  for (const overlay of Object.values(catalog.overlays)) {
    for (const ref of overlay.spec.componentRefs) {
      if (ref.version === undefined) continue;
      const versions = pins.get(ref.name) ?? new Map<string, string[]>();
      versions.set(ref.version, [...(versions.get(ref.version) ?? []), overlay.metadata.name]);
      pins.set(ref.name, versions);
    }
  }
  return Object.values(catalog.components)
    .map((component) => ({
      name: component.name,
      displayName: component.displayName,
      ...(component.description === undefined ? {} : { description: component.description }),
      namespace: component.namespace,
      chart: { repository: component.helm.repository, name: component.helm.chart },
      versions: [...(pins.get(component.name) ?? new Map<string, string[]>())]
        .map(([version, overlays]) => ({ version, overlays: overlays.sort(compareText) }))
        .sort((a, b) => compareText(a.version, b.version)),
    }))
    .sort((a, b) => compareText(a.name, b.name));
}
