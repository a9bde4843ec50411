/**
 * @module The fleet view: for every key whose value is not the same on all nodes, the nodes grouped by
 * value, the largest group (the majority) first and the rest as outliers, plus the nodes ranked by how
 * many keys make them an outlier, which is how one broken node stands out among many. A key absent on
 * some nodes groups those nodes as `absent`. When the two largest groups tie there is no majority: the
 * key is marked `tie`, every group lists its nodes, and no node counts as an outlier for it.
 */
import { API_VERSION } from '../shared/documents.js';
import { buildKeyFilter, type KeyFilterOptions } from './build-key-filter.js';
import { compareText } from './compare-text.js';
import { forEachSubtype, type FlatEntry, type SubtypeBlock } from './flatten-snapshot.js';
import { nameNodes, type NamedSnapshot } from './name-nodes.js';
import { filterMetadata, type DiffFilterMetadata, type ReportMetadata } from './report-metadata.js';
import { keepValue, normalizeDiffValue } from './volatile-keys.js';

export const FLEET_DIFF_KIND = 'FleetDiff';

/** Nodes sharing one value of a key; `absent` when the key is missing on them. */
export interface ValueGroup {
  readonly value?: string;
  readonly absent?: true;
  readonly count: number;
  /** Listed for outliers and on ties; the majority's nodes are all the others. */
  readonly nodes?: readonly string[];
}

export interface FleetDifference {
  /** `Type.Subtype.Key`. */
  readonly key: string;
  readonly type: string;
  readonly subtype: string;
  readonly majority: ValueGroup;
  readonly outliers: readonly ValueGroup[];
  readonly tie?: true;
}

export interface OutlierNode {
  readonly node: string;
  readonly source: string;
  /** Keys on which this node is in a minority group, sorted. */
  readonly keys: readonly string[];
}

export interface FleetDiff {
  readonly kind: typeof FLEET_DIFF_KIND;
  readonly apiVersion: typeof API_VERSION;
  readonly metadata: ReportMetadata & {
    readonly nodes: readonly { readonly node: string; readonly source: string }[];
  } & DiffFilterMetadata;
  readonly summary: {
    readonly status: 'uniform' | 'different';
    readonly nodes: number;
    readonly compared: number;
    readonly differing: number;
    readonly ignored: number;
    /** Nodes that are an outlier on at least one key. */
    readonly outlierNodes: number;
  };
  /** Most keys first, then by node name. */
  readonly outliers: readonly OutlierNode[];
  /** Sorted by key. */
  readonly differences: readonly FleetDifference[];
}

interface Column {
  readonly entry: FlatEntry;
  readonly values: (string | undefined)[];
}

/**
 * Compares every snapshot of a fleet with the others.
 * @throws CnsError USAGE for a malformed --ignore/--only pattern.
 * @example compareFleet(fiftyNodes, {}, meta).outliers[0].node // the node that differs most
 */
export function compareFleet(
  inputs: readonly NamedSnapshot[],
  filterOptions: KeyFilterOptions,
  meta: ReportMetadata,
): FleetDiff {
  const names = nameNodes(inputs);
  const filter = buildKeyFilter(filterOptions);
  const normalize = filterOptions.defaultIgnores === false ? keepValue : normalizeDiffValue;
  const count = inputs.length;
  const columns = new Map<string, Column>();
  // Per block prefix, key → its column (null: filtered out). Keys of parsed documents are interned
  // strings with cached hashes, so this avoids hashing a fresh id string for every value of every node.
  const blocks = new Map<string, Map<string, Column | null>>();
  const columnFor = (block: SubtypeBlock, key: string): Column | null => {
    const id = block.prefix + key;
    if (!filter.accepts(id)) return null;
    // Two splits can give one id (subtype `a.b` key `c`, subtype `a` key `b.c`); they share a column.
    let column = columns.get(id);
    if (!column) {
      const entry = { id, type: block.type, subtype: block.subtype, key, value: '' };
      column = { entry, values: new Array<string | undefined>(count).fill(undefined) };
      columns.set(id, column);
    }
    return column;
  };
  inputs.forEach(({ snapshot }, node) => {
    forEachSubtype(snapshot, (block) => {
      let keys = blocks.get(block.prefix);
      if (!keys) {
        keys = new Map();
        blocks.set(block.prefix, keys);
      }
      const { data } = block;
      for (const key in data) {
        const raw = data[key];
        if (raw === undefined || !Object.hasOwn(data, key)) continue;
        let column = keys.get(key);
        if (column === undefined) {
          column = columnFor(block, key);
          keys.set(key, column);
        }
        if (column === null || column.values[node] !== undefined) continue;
        column.values[node] = normalize(
          block.type,
          key,
          typeof raw === 'string' ? raw : String(raw),
        );
      }
    });
  });

  const differences: FleetDifference[] = [];
  const outlierKeys: string[][] = names.map(() => []);
  for (const [id, column] of columns) {
    if (isUniform(column.values)) continue;
    const { difference, outlierNodes } = groupColumn(id, column, names);
    differences.push(difference);
    for (const node of outlierNodes) outlierKeys[node]?.push(id);
  }
  differences.sort((x, y) => compareText(x.key, y.key));
  const outliers = names
    .map((node, i) => ({
      node,
      source: inputs[i]?.source ?? '',
      keys: (outlierKeys[i] ?? []).sort(compareText),
    }))
    .filter((entry) => entry.keys.length > 0)
    .sort((x, y) => y.keys.length - x.keys.length || compareText(x.node, y.node));
  return {
    kind: FLEET_DIFF_KIND,
    apiVersion: API_VERSION,
    metadata: {
      generatedAt: meta.generatedAt,
      version: meta.version,
      nodes: names.map((node, i) => ({ node, source: inputs[i]?.source ?? '' })),
      ...filterMetadata(filterOptions),
    },
    summary: {
      status: differences.length === 0 ? 'uniform' : 'different',
      nodes: count,
      compared: columns.size,
      differing: differences.length,
      ignored: filter.refused,
      outlierNodes: outliers.length,
    },
    outliers,
    differences,
  };
}

function isUniform(values: readonly (string | undefined)[]): boolean {
  const first = values[0];
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false;
  return true;
}

interface GroupedColumn {
  readonly difference: FleetDifference;
  /** Nodes outside the majority; none on a tie. */
  readonly outlierNodes: readonly number[];
}

function groupColumn(id: string, column: Column, names: readonly string[]): GroupedColumn {
  const byValue = new Map<string | undefined, number[]>();
  column.values.forEach((value, node) => {
    const list = byValue.get(value);
    if (list) list.push(node);
    else byValue.set(value, [node]);
  });
  const groups = [...byValue.entries()].sort(
    ([va, a], [vb, b]) =>
      b.length - a.length || (va === undefined ? 1 : vb === undefined ? -1 : compareText(va, vb)),
  );
  const tie = groups.length > 1 && groups[0]?.[1].length === groups[1]?.[1].length;
  const toGroup = (
    [value, nodes]: [string | undefined, number[]],
    listNodes: boolean,
  ): ValueGroup => ({
    ...(value === undefined ? { absent: true as const } : { value }),
    count: nodes.length,
    ...(listNodes ? { nodes: nodes.map((n) => names[n] ?? '').sort(compareText) } : {}),
  });
  const [first = [undefined, []], ...rest] = groups;
  return {
    difference: {
      key: id,
      type: column.entry.type,
      subtype: column.entry.subtype,
      majority: toGroup(first, tie),
      outliers: rest.map((group) => toGroup(group, true)),
      ...(tie ? { tie: true as const } : {}),
    },
    outlierNodes: tie ? [] : rest.flatMap(([, nodes]) => nodes),
  };
}
