/**
 * @module Splits a constraint name `Type.Subtype.Key` against a snapshot. The key may contain dots
 * (`OS.sysctl./proc/sys/kernel/osrelease`) and so may the subtype (`SystemD.containerd.service.Restart`),
 * so the subtype is the longest one present in the snapshot that the name continues with a dot. A
 * fact recorded under another name (`gpu.name` for `gpu.model`) is found through its alias.
 */
import type { Measurement, Scalar, Snapshot, SnapshotSubtype } from '../snapshot/snapshot.js';
import { resolveWithAliases } from './measurement-aliases.js';

export interface ResolvedPath {
  readonly type: string;
  readonly subtype: string;
  readonly key: string;
  /** The measured value, undefined when absent. */
  readonly value: Scalar | undefined;
  /** Which level was missing, for the skip message. */
  readonly missing?: 'type' | 'subtype' | 'key';
}

/**
 * Resolves `name` in `snapshot` (or an alias of it, measurement-aliases.ts); `name` must have at least
 * three dot-separated parts.
 */
export function resolveConstraintPath(name: string, snapshot: Snapshot): ResolvedPath {
  return resolveWithAliases(name, (candidate) => resolveExactPath(candidate, snapshot));
}

function resolveExactPath(name: string, snapshot: Snapshot): ResolvedPath {
  const firstDot = name.indexOf('.');
  const type = name.slice(0, firstDot);
  const rest = name.slice(firstDot + 1);
  const measurement = snapshot.measurements.find((m) => m.type === type);
  const naive = splitOnce(rest);
  if (!measurement) return { type, ...naive, value: undefined, missing: 'type' };
  const candidate = longestSubtype(measurement, rest);
  if (!candidate) return { type, ...naive, value: undefined, missing: 'subtype' };
  const key = rest.slice(candidate.subtype.length + 1);
  const value = Object.hasOwn(candidate.data, key) ? candidate.data[key] : undefined;
  return value === undefined
    ? { type, subtype: candidate.subtype, key, value, missing: 'key' }
    : { type, subtype: candidate.subtype, key, value };
}

function longestSubtype(measurement: Measurement, rest: string): SnapshotSubtype | undefined {
  const keyIn = (sub: SnapshotSubtype) =>
    Object.hasOwn(sub.data, rest.slice(sub.subtype.length + 1));
  const prefixes = measurement.subtypes.filter((sub) => rest.startsWith(`${sub.subtype}.`));
  const withKey = prefixes.filter(keyIn);
  const pool = withKey.length > 0 ? withKey : prefixes;
  let best: SnapshotSubtype | undefined;
  for (const sub of pool) if (!best || sub.subtype.length > best.subtype.length) best = sub;
  return best;
}

function splitOnce(rest: string): { subtype: string; key: string } {
  const dot = rest.indexOf('.');
  return dot < 0
    ? { subtype: rest, key: '' }
    : { subtype: rest.slice(0, dot), key: rest.slice(dot + 1) };
}
