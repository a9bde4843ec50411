/**
 * @module The Snapshot document's types and lookups without its schema: what code that builds or reads
 * snapshots needs, at no cost. The schema (snapshot.ts) uses zod, whose set-up costs ~30 ms at start-up,
 * so only code that parses a snapshot from outside should load it. snapshot.ts re-exports all of this.
 */
import type { API_VERSION } from '../shared/documents.js';

export const MEASUREMENT_TYPES = ['SystemD', 'OS', 'K8s', 'GPU'] as const;
export type MeasurementType = (typeof MEASUREMENT_TYPES)[number];

export const COLLECTOR_STATUSES = ['ok', 'unavailable', 'failed'] as const;
export type CollectorStatusValue = (typeof COLLECTOR_STATUSES)[number];

export type Scalar = string | number | boolean;

export type SnapshotSubtype = {
  readonly subtype: string;
  readonly data: Readonly<Record<string, Scalar>>;
};
export type Measurement = { readonly type: string; readonly subtypes: readonly SnapshotSubtype[] };

/** How one collector (or one part of it, `gpu.driver`) ended: the snapshot's `collectors[]`. */
export interface CollectorStatus {
  name: string;
  status: CollectorStatusValue;
  reason?: string | undefined;
}

/**
 * A map of strings, as aicr's snapshot reader requires (its metadata is `map[string]string`); values
 * of other types in documents read are turned into strings by the schema.
 */
export interface SnapshotMetadata {
  readonly timestamp?: string;
  readonly version?: string;
  readonly 'source-node'?: string;
  readonly [key: string]: string | undefined;
}
export interface Snapshot {
  readonly kind: 'Snapshot';
  readonly apiVersion: typeof API_VERSION;
  readonly metadata: SnapshotMetadata;
  /**
   * How each collector ended. Outside `metadata`, which must hold only strings; earlier cnsctl
   * snapshots had it as `metadata.collectors`, which the schema still reads.
   */
  readonly collectors?: readonly CollectorStatus[];
  readonly measurements: readonly Measurement[];
}

/** Finds the value at `type`/`subtype`/`key`, or undefined when any level is absent. */
export function findMeasurement(
  snapshot: Snapshot,
  type: string,
  subtype: string,
  key: string,
): Scalar | undefined {
  const measurement = snapshot.measurements.find((m) => m.type === type);
  const sub = measurement?.subtypes.find((s) => s.subtype === subtype);
  return sub ? sub.data[key] : undefined;
}
