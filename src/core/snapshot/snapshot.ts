/**
 * @module The Snapshot document (`cns.nvidia.com/v1alpha1`, kind Snapshot): measurements of a node,
 * grouped as type → subtype → key → scalar. Reads snapshots of earlier tools unchanged: `metadata.source`
 * is accepted for `metadata.source-node`, and unknown metadata keys are kept.
 */
import { z } from 'zod';
import { API_VERSION } from '../shared/documents.js';

export const MEASUREMENT_TYPES = ['SystemD', 'OS', 'K8s', 'GPU'] as const;
export type MeasurementType = (typeof MEASUREMENT_TYPES)[number];

export const COLLECTOR_STATUSES = ['ok', 'unavailable', 'failed'] as const;
export type CollectorStatusValue = (typeof COLLECTOR_STATUSES)[number];

/** A YAML `key:` with no value reads as null; a bare kernel flag is stored as "", so null becomes "". */
const scalarSchema = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((v) => (v === null ? '' : v));
export type Scalar = string | number | boolean;

export const subtypeSchema = z.object({
  subtype: z.string().min(1),
  data: z
    .record(z.string(), scalarSchema)
    .nullish()
    .transform((d) => d ?? {}),
});

export const measurementSchema = z.object({
  type: z.string().min(1),
  subtypes: z
    .array(subtypeSchema)
    .nullish()
    .transform((s) => s ?? []),
});

export const collectorStatusSchema = z.object({
  name: z.string(),
  status: z.enum(COLLECTOR_STATUSES),
  reason: z.string().optional(),
});

const metadataSchema = z
  .looseObject({
    timestamp: z.union([z.string(), z.date().transform((d) => d.toISOString())]).optional(),
    version: z.union([z.string(), z.number().transform(String)]).optional(),
    'source-node': z.string().optional(),
    source: z.string().optional(),
    collectors: z.array(collectorStatusSchema).optional(),
  })
  .transform(({ source, ...rest }) =>
    rest['source-node'] === undefined && source !== undefined
      ? { ...rest, 'source-node': source }
      : rest,
  );

export const snapshotSchema = z.object({
  kind: z.literal('Snapshot'),
  apiVersion: z.literal(API_VERSION),
  metadata: metadataSchema.optional().transform((m) => m ?? {}),
  measurements: z.array(measurementSchema),
});

export type SnapshotSubtype = {
  readonly subtype: string;
  readonly data: Readonly<Record<string, Scalar>>;
};
export type Measurement = { readonly type: string; readonly subtypes: readonly SnapshotSubtype[] };
export type CollectorStatus = z.infer<typeof collectorStatusSchema>;
export interface SnapshotMetadata {
  readonly timestamp?: string;
  readonly version?: string;
  readonly 'source-node'?: string;
  readonly collectors?: readonly CollectorStatus[];
  readonly [key: string]: unknown;
}
export interface Snapshot {
  readonly kind: 'Snapshot';
  readonly apiVersion: typeof API_VERSION;
  readonly metadata: SnapshotMetadata;
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
