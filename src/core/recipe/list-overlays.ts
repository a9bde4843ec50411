/**
 * @module The overlays of the recipe data as the explorer explains a recipe with them: each overlay's
 * description, parent and criteria (the dimensions it names; the rest match anything), in the catalog's order.
 */
import type { Catalog } from './catalog.js';

export interface OverlayListing {
  readonly name: string;
  readonly description?: string;
  readonly base?: string;
  /** Only the dimensions the overlay names. */
  readonly criteria: Readonly<Record<string, string>>;
}

export function listOverlays(catalog: Catalog): OverlayListing[] {
  return Object.values(catalog.overlays).map(({ metadata, spec }) => ({
    name: metadata.name,
    ...(metadata.description === undefined ? {} : { description: metadata.description }),
    ...(spec.base === undefined ? {} : { base: spec.base }),
    criteria: Object.fromEntries(
      Object.entries(spec.criteria).filter(([, value]) => value !== undefined),
    ),
  }));
}
