/**
 * @module A snapshot as flat `Type.Subtype.Key → text` entries, the unit diff compares. Values become
 * text so that a YAML `true` and a JSON `"true"` (or `8` and `"8"`) compare equal. Scalar metadata is
 * included as `metadata.<key>` and each collector's status (the snapshot's `collectors`) as
 * `metadata.collectors.<name>`, because a collector that failed on one node explains why that node's
 * values are absent.
 */
import type { Scalar, Snapshot } from '../snapshot/snapshot.js';

export interface FlatEntry {
  /** `Type.Subtype.Key`, the name globs match and output sorts by. */
  readonly id: string;
  readonly type: string;
  readonly subtype: string;
  readonly key: string;
  readonly value: string;
}

export const METADATA_TYPE = 'metadata';

/** One block of data: `prefix` + key is each entry's id (`OS.sysctl.`, or `metadata.` for metadata). */
export interface SubtypeBlock {
  readonly type: string;
  readonly subtype: string;
  readonly prefix: string;
  readonly data: Readonly<Record<string, Scalar | undefined>>;
}

/**
 * Calls `visit` for every block of `snapshot`, metadata first, then measurements in document order.
 * The fleet diff walks blocks rather than entries so that it looks keys up per block, without
 * building an id string for each of millions of values.
 */
export function forEachSubtype(snapshot: Snapshot, visit: (block: SubtypeBlock) => void): void {
  const scalars: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(snapshot.metadata)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      scalars[key] = value;
    }
  }
  visit({ type: METADATA_TYPE, subtype: '', prefix: `${METADATA_TYPE}.`, data: scalars });
  const collectors: Record<string, string> = {};
  for (const { name, status } of snapshot.collectors ?? []) collectors[name] ??= status;
  if (Object.keys(collectors).length > 0) {
    visit({
      type: METADATA_TYPE,
      subtype: 'collectors',
      prefix: `${METADATA_TYPE}.collectors.`,
      data: collectors,
    });
  }
  for (const { type, subtypes } of snapshot.measurements) {
    for (const { subtype, data } of subtypes)
      visit({ type, subtype, prefix: `${type}.${subtype}.`, data });
  }
}

/**
 * Calls `visit` for every entry of `snapshot`, in document order; metadata first. Two entries can share
 * an id (a measurement type or subtype listed twice); callers keep the first, as constraint lookup does.
 * @example flattenSnapshot(s, (e) => ids.push(e.id)) // 'OS.sysctl./proc/sys/kernel/osrelease', ...
 */
export function flattenSnapshot(snapshot: Snapshot, visit: (entry: FlatEntry) => void): void {
  forEachSubtype(snapshot, ({ type, subtype, prefix, data }) => {
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
  });
}
