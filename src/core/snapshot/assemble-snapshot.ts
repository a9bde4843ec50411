/**
 * @module Collected measurements → the Snapshot document, in one deterministic order so that two
 * snapshots of the same node are byte-identical: measurement types in the order the demo shows them
 * (SystemD, OS, K8s, GPU; any other type after them, alphabetically), subtypes and keys in natural order
 * (compareNatural: `gpu-2` before `gpu-10`), collectors by name. Types with no subtypes are left out.
 */
import { API_VERSION } from '../shared/documents.js';
import { CnsError } from '../shared/errors.js';
import { compareNatural } from './compare-natural.js';
import {
  MEASUREMENT_TYPES,
  type CollectorStatus,
  type Measurement,
  type Scalar,
  type Snapshot,
  type SnapshotMetadata,
  type SnapshotSubtype,
} from './snapshot-document.js';

/** What the collectors produced, plus the facts the metadata records. */
export interface SnapshotParts {
  readonly measurements: readonly Measurement[];
  readonly collectors: readonly CollectorStatus[];
  /** From the injected clock; written at second precision, UTC. */
  readonly timestamp: Date;
  readonly version: string;
  readonly sourceNode?: string;
}

/** Assembles the Snapshot document. Subtypes of one type that share a name are merged. */
export function assembleSnapshot(parts: SnapshotParts): Snapshot {
  const metadata: SnapshotMetadata = {
    ...(parts.sourceNode ? { 'source-node': parts.sourceNode } : {}),
    timestamp: formatTimestamp(parts.timestamp),
    version: parts.version,
  };
  return {
    kind: 'Snapshot',
    apiVersion: API_VERSION,
    metadata,
    collectors: [...parts.collectors]
      .sort((a, b) => compareNatural(a.name, b.name))
      .map((c) => ({ name: c.name, status: c.status, ...(c.reason ? { reason: c.reason } : {}) })),
    measurements: orderMeasurements(parts.measurements),
  };
}

function orderMeasurements(measurements: readonly Measurement[]): Measurement[] {
  const byType = new Map<string, Map<string, Record<string, Scalar>>>();
  for (const measurement of measurements) {
    const subtypes = byType.get(measurement.type) ?? new Map<string, Record<string, Scalar>>();
    for (const { subtype, data } of measurement.subtypes) {
      subtypes.set(subtype, { ...subtypes.get(subtype), ...data });
    }
    byType.set(measurement.type, subtypes);
  }
  return [...byType.entries()]
    .filter(([, subtypes]) => subtypes.size > 0)
    .sort(([a], [b]) => compareTypes(a, b))
    .map(([type, subtypes]) => ({
      type,
      subtypes: [...subtypes.entries()]
        .sort(([a], [b]) => compareNatural(a, b))
        .map(([subtype, data]): SnapshotSubtype => ({ subtype, data: sortData(data) })),
    }));
}

function compareTypes(a: string, b: string): number {
  const rank = (type: string): number => {
    const index = (MEASUREMENT_TYPES as readonly string[]).indexOf(type);
    return index === -1 ? MEASUREMENT_TYPES.length : index;
  };
  return rank(a) - rank(b) || compareNatural(a, b);
}

function sortData(data: Readonly<Record<string, Scalar>>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const key of Object.keys(data).sort(compareNatural)) out[key] = data[key] as Scalar;
  return out;
}

/** RFC 3339 in UTC at second precision (`2026-01-13T13:02:29Z`), as earlier snapshots wrote it. */
function formatTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new CnsError('INTERNAL', 'the clock returned an invalid date', {
      details: { date: String(date) },
    });
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
