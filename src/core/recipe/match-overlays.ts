/**
 * @module Which overlays apply to a query, and in what order. Matching is asymmetric: an overlay field
 * that is absent or `any` matches every query value, while a query value `any` matches only overlays
 * that leave that field open. Matched overlays apply from general to specific, each after its parent;
 * ties go to the overlay with fewer set fields, then to the name (never to hash or file order).
 * @example
 * // query eks/h100/ubuntu/training matches base, eks, eks-training, h100-eks-training, ...
 * // query any/h100/any/any matches base and h100, but not eks (service eks is not open)
 */
import type { Catalog } from './catalog.js';
import type { Overlay } from './catalog-schema.js';
import { ANY, DIMENSION_NAMES, type RecipeCriteria } from './criteria.js';

/** Whether `overlay`'s criteria admit `criteria`. */
export function overlayMatches(overlay: Overlay, criteria: RecipeCriteria): boolean {
  return DIMENSION_NAMES.every((dimension) => {
    const wanted = overlay.spec.criteria[dimension];
    return wanted === undefined || wanted === ANY || wanted === criteria[dimension];
  });
}

/** How many criteria fields an overlay sets to something other than `any`. */
export function overlaySpecificity(overlay: Overlay): number {
  return DIMENSION_NAMES.filter((d) => {
    const value = overlay.spec.criteria[d];
    return value !== undefined && value !== ANY;
  }).length;
}

/**
 * The overlays that apply to `criteria` (with their ancestors), parents before children, otherwise
 * by (specificity, name).
 */
export function matchOverlays(catalog: Catalog, criteria: RecipeCriteria): Overlay[] {
  const selected = new Map<string, Overlay>();
  for (const overlay of Object.values(catalog.overlays)) {
    if (!overlayMatches(overlay, criteria)) continue;
    for (let current: Overlay | undefined = overlay; current;) {
      selected.set(current.metadata.name, current);
      current = current.spec.base === undefined ? undefined : catalog.overlays[current.spec.base];
    }
  }
  return orderParentsFirst([...selected.values()]);
}

function orderParentsFirst(overlays: readonly Overlay[]): Overlay[] {
  const byRank = [...overlays].sort(
    (a, b) =>
      overlaySpecificity(a) - overlaySpecificity(b) ||
      compareText(a.metadata.name, b.metadata.name),
  );
  const placed = new Set<string>();
  const names = new Set(overlays.map((o) => o.metadata.name));
  const ordered: Overlay[] = [];
  while (ordered.length < byRank.length) {
    const next = byRank.find(
      (o) =>
        !placed.has(o.metadata.name) &&
        (o.spec.base === undefined || !names.has(o.spec.base) || placed.has(o.spec.base)),
    );
    // parseCatalog rejects parent cycles, so a ready overlay always exists.
    if (!next) break;
    placed.add(next.metadata.name);
    ordered.push(next);
  }
  return ordered;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
