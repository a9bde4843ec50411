/**
 * @module Two snapshots compared key by key (one node over time, or two nodes): the keys only B has
 * (added), only A has (removed), and those whose values differ (changed, with both values), grouped by
 * measurement type and subtype. Everything is sorted, so the same inputs give the same document.
 */
import { API_VERSION } from '../shared/documents.js';
import { buildKeyFilter, type KeyFilterOptions } from './build-key-filter.js';
import { compareText } from './compare-text.js';
import { flattenSnapshot, type FlatEntry } from './flatten-snapshot.js';
import { nameNodes, type NamedSnapshot } from './name-nodes.js';
import { filterMetadata, type DiffFilterMetadata, type ReportMetadata } from './report-metadata.js';
import { keepValue, normalizeDiffValue } from './volatile-keys.js';

export const SNAPSHOT_DIFF_KIND = 'SnapshotDiff';

export interface DiffSide {
  readonly source: string;
  readonly node: string;
  readonly timestamp?: string;
}

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

export interface KeyChange {
  readonly key: string;
  readonly a: string;
  readonly b: string;
}

/** The differences within one `Type.Subtype`. */
export interface SubtypeDifferences {
  readonly type: string;
  readonly subtype: string;
  readonly added?: readonly KeyValue[];
  readonly removed?: readonly KeyValue[];
  readonly changed?: readonly KeyChange[];
}

export interface SnapshotDiff {
  readonly kind: typeof SNAPSHOT_DIFF_KIND;
  readonly apiVersion: typeof API_VERSION;
  readonly metadata: ReportMetadata & {
    readonly a: DiffSide;
    readonly b: DiffSide;
  } & DiffFilterMetadata;
  readonly summary: {
    readonly status: 'equal' | 'different';
    readonly added: number;
    readonly removed: number;
    readonly changed: number;
    /** Keys compared (present on either side and not filtered out). */
    readonly compared: number;
    /** Distinct keys left out by --ignore, --only and the default ignores. */
    readonly ignored: number;
  };
  readonly differences: readonly SubtypeDifferences[];
}

interface Slot {
  entry: FlatEntry;
  a?: string;
  b?: string;
}

/**
 * Compares `a` with `b`.
 * @throws CnsError USAGE for a malformed --ignore/--only pattern.
 * @example compareSnapshots(before, after, {}, meta).summary.changed // 2 for a kernel and driver update
 */
export function compareSnapshots(
  a: NamedSnapshot,
  b: NamedSnapshot,
  filterOptions: KeyFilterOptions,
  meta: ReportMetadata,
): SnapshotDiff {
  const filter = buildKeyFilter(filterOptions);
  const normalize = filterOptions.defaultIgnores === false ? keepValue : normalizeDiffValue;
  const slots = new Map<string, Slot>();
  const collect = (side: 'a' | 'b') => (entry: FlatEntry) => {
    if (!filter.accepts(entry.id)) return;
    let slot = slots.get(entry.id);
    if (!slot) {
      slot = { entry };
      slots.set(entry.id, slot);
    }
    if (slot[side] === undefined) slot[side] = normalize(entry.type, entry.key, entry.value);
  };
  flattenSnapshot(a.snapshot, collect('a'));
  flattenSnapshot(b.snapshot, collect('b'));

  const groups = new Map<
    string,
    { type: string; subtype: string; added: KeyValue[]; removed: KeyValue[]; changed: KeyChange[] }
  >();
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (const { entry, a: va, b: vb } of slots.values()) {
    if (va === vb) continue;
    const groupId = `${entry.type}\u0000${entry.subtype}`;
    let group = groups.get(groupId);
    if (!group) {
      group = { type: entry.type, subtype: entry.subtype, added: [], removed: [], changed: [] };
      groups.set(groupId, group);
    }
    if (va === undefined) {
      group.added.push({ key: entry.key, value: vb as string });
      added++;
    } else if (vb === undefined) {
      group.removed.push({ key: entry.key, value: va });
      removed++;
    } else {
      group.changed.push({ key: entry.key, a: va, b: vb });
      changed++;
    }
  }
  const byKey = (x: { key: string }, y: { key: string }) => compareText(x.key, y.key);
  const differences = [...groups.values()]
    .sort((x, y) => compareText(x.type, y.type) || compareText(x.subtype, y.subtype))
    .map(({ type, subtype, added: add, removed: rem, changed: chg }) => ({
      type,
      subtype,
      ...(add.length > 0 ? { added: add.sort(byKey) } : {}),
      ...(rem.length > 0 ? { removed: rem.sort(byKey) } : {}),
      ...(chg.length > 0 ? { changed: chg.sort(byKey) } : {}),
    }));
  // Each side is labelled a or b, so a node captured twice keeps its plain name on both.
  const [nameA = a.source] = nameNodes([a]);
  const [nameB = b.source] = nameNodes([b]);
  return {
    kind: SNAPSHOT_DIFF_KIND,
    apiVersion: API_VERSION,
    metadata: {
      generatedAt: meta.generatedAt,
      version: meta.version,
      a: side(a, nameA),
      b: side(b, nameB),
      ...filterMetadata(filterOptions),
    },
    summary: {
      status: differences.length === 0 ? 'equal' : 'different',
      added,
      removed,
      changed,
      compared: slots.size,
      ignored: filter.refused,
    },
    differences,
  };
}

function side({ source, snapshot }: NamedSnapshot, node: string): DiffSide {
  const timestamp = snapshot.metadata.timestamp;
  return { source, node, ...(timestamp === undefined ? {} : { timestamp }) };
}
