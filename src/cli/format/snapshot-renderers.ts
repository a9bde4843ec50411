/** @module The formats of a Snapshot (`cnsctl snapshot`). */
import type { Snapshot } from '../../core/snapshot/snapshot-document.js';
import type { Renderers } from './renderers.js';

export const snapshotRenderers = {
  // Written directly rather than through the YAML library: byte-identical, and faster (snapshot-yaml.ts).
  yaml: async (snapshot) =>
    (await import('../../core/snapshot/snapshot-yaml.js')).toSnapshotYaml(snapshot),
  json: async (snapshot) => (await import('../../core/shared/serialize.js')).toJson(snapshot),
  table: async (snapshot) => (await import('./snapshot-table.js')).formatSnapshotTable(snapshot),
} satisfies Renderers<Snapshot>;
