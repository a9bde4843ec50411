/**
 * @module A snapshot as flat `Type.Subtype.Key → text` entries, the unit diff compares. Values become
 * text so that a YAML `true` and a JSON `"true"` (or `8` and `"8"`) compare equal. Scalar metadata is
 * included as `metadata.<key>` and each collector's status as `metadata.collectors.<name>`, because a
 * collector that failed on one node explains why that node's values are absent.
 */
import type { Snapshot } from '../snapshot/snapshot.js';

export interface FlatEntry {
  /** `Type.Subtype.Key`, the name globs match and output sorts by. */
  readonly id: string;
  readonly type: string;
  readonly subtype: string;
  readonly key: string;
  readonly value: string;
}

export const METADATA_TYPE = 'metadata';

/**
 * Calls `visit` for every entry of `snapshot`, in document order; metadata first. Two entries can share
 * an id (a measurement type or subtype listed twice); callers keep the first, as constraint lookup does.
 * @example flattenSnapshot(s, (e) => ids.push(e.id)) // 'OS.sysctl./proc/sys/kernel/osrelease', ...
 */
export function flattenSnapshot(snapshot: Snapshot, visit: (entry: FlatEntry) => void): void {
  for (const [key, value] of Object.entries(snapshot.metadata)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      visit({
        id: `${METADATA_TYPE}.${key}`,
        type: METADATA_TYPE,
        subtype: '',
        key,
        value: String(value),
      });
    }
  }
  for (const collector of snapshot.metadata.collectors ?? []) {
    const { name, status } = collector;
    const id = `${METADATA_TYPE}.collectors.${name}`;
    visit({ id, type: METADATA_TYPE, subtype: 'collectors', key: name, value: status });
  }
  for (const { type, subtypes } of snapshot.measurements) {
    for (const { subtype, data } of subtypes) {
      const prefix = `${type}.${subtype}.`;
      for (const key in data) {
        if (!Object.hasOwn(data, key)) continue;
        const value = data[key];
        if (value === undefined) continue;
        visit({
          id: prefix + key,
          type,
          subtype,
          key,
          value: typeof value === 'string' ? value : String(value),
        });
      }
    }
  }
}
