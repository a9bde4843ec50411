/**
 * @module An index of a snapshot for resolving many constraint names: type → subtype → data, built
 * once, so each lookup costs a few map probes instead of a scan of every subtype. Resolves exactly as
 * resolveConstraintPath does (first measurement of a type, longest subtype the name continues with a
 * dot, preferring subtypes that hold the key, then aliases).
 */
import type { Scalar, Snapshot } from '../snapshot/snapshot.js';
import { resolveWithAliases } from './measurement-aliases.js';
import type { ResolvedPath } from './resolve-constraint-path.js';

type SubtypeData = Readonly<Record<string, Scalar>>;

/** A snapshot indexed for constraint lookups; see indexSnapshot. */
export interface SnapshotIndex {
  /** Resolves `Type.Subtype.Key` like resolveConstraintPath. */
  resolve(name: string): ResolvedPath;
}

/**
 * Indexes `snapshot` once for many lookups.
 * @example indexSnapshot(snapshot).resolve('OS.sysctl./proc/sys/kernel/osrelease').value // '6.8.0-1043-aws'
 */
export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const types = new Map<string, Map<string, SubtypeData[]>>();
  for (const measurement of snapshot.measurements) {
    // resolveConstraintPath reads only the first measurement of a type; later ones are invisible to it.
    if (types.has(measurement.type)) continue;
    const subtypes = new Map<string, SubtypeData[]>();
    for (const sub of measurement.subtypes) {
      const list = subtypes.get(sub.subtype);
      if (list) list.push(sub.data);
      else subtypes.set(sub.subtype, [sub.data]);
    }
    types.set(measurement.type, subtypes);
  }
  return {
    resolve: (name) => resolveWithAliases(name, (candidate) => resolveIndexed(types, candidate)),
  };
}

function resolveIndexed(
  types: Map<string, Map<string, SubtypeData[]>>,
  name: string,
): ResolvedPath {
  const firstDot = name.indexOf('.');
  const type = name.slice(0, firstDot);
  const rest = name.slice(firstDot + 1);
  const subtypes = types.get(type);
  if (!subtypes) return { type, ...splitOnce(rest), value: undefined, missing: 'type' };
  let longestPrefix: string | undefined;
  // Longest first: the first subtype found that holds the key is the one resolveConstraintPath picks.
  for (let dot = rest.lastIndexOf('.'); dot > 0; dot = rest.lastIndexOf('.', dot - 1)) {
    const subtype = rest.slice(0, dot);
    const list = subtypes.get(subtype);
    if (!list) continue;
    longestPrefix ??= subtype;
    const key = rest.slice(dot + 1);
    for (const data of list) {
      if (Object.hasOwn(data, key)) {
        const value = data[key];
        return value === undefined
          ? { type, subtype, key, value, missing: 'key' }
          : { type, subtype, key, value };
      }
    }
  }
  if (longestPrefix === undefined) {
    return { type, ...splitOnce(rest), value: undefined, missing: 'subtype' };
  }
  return {
    type,
    subtype: longestPrefix,
    key: rest.slice(longestPrefix.length + 1),
    value: undefined,
    missing: 'key',
  };
}

function splitOnce(rest: string): { subtype: string; key: string } {
  const dot = rest.indexOf('.');
  return dot < 0
    ? { subtype: rest, key: '' }
    : { subtype: rest.slice(0, dot), key: rest.slice(dot + 1) };
}
