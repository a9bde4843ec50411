/**
 * @module The Snapshot document (`cns.nvidia.com/v1alpha1`, kind Snapshot): measurements of a node,
 * grouped as type → subtype → key → scalar. Reads snapshots of earlier tools unchanged: `metadata.source`
 * is accepted for `metadata.source-node`, and unknown metadata keys are kept.
 */
import { z } from 'zod';
import { API_VERSION } from '../shared/documents.js';
import { COLLECTOR_STATUSES } from './snapshot-document.js';

// The types and lookups live in snapshot-document.ts so that writers need not load zod.
export {
  COLLECTOR_STATUSES,
  MEASUREMENT_TYPES,
  findMeasurement,
  type CollectorStatus,
  type CollectorStatusValue,
  type Measurement,
  type MeasurementType,
  type Scalar,
  type Snapshot,
  type SnapshotMetadata,
  type SnapshotSubtype,
} from './snapshot-document.js';

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * A YAML `key:` with no value reads as null; a bare kernel flag is stored as "", so null becomes "".
 * Done once per record rather than per value: fleet diffs read millions of values.
 */
function nullsToEmpty(data: Record<string, string | number | boolean | null> | null | undefined) {
  if (!data) return {};
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, value ?? ''] as const),
  );
}

export const subtypeSchema = z.object({
  subtype: z.string().min(1),
  data: z.record(z.string(), scalarSchema).nullish().transform(nullsToEmpty),
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
