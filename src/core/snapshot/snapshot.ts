/**
 * @module The Snapshot document (`cns.nvidia.com/v1alpha1`, kind Snapshot): measurements of a node,
 * grouped as type → subtype → key → scalar. Reads snapshots of earlier tools unchanged: `metadata.source`
 * is accepted for `metadata.source-node`, and unknown metadata keys are kept. Reads aicr's snapshots
 * (`aicr.nvidia.com/v1alpha1`, aicr-documents.ts). Metadata comes out as a map of strings, as aicr's
 * reader needs it; collector outcomes live in the top-level `collectors`, and earlier cnsctl snapshots'
 * `metadata.collectors` are moved there.
 */
import { z } from 'zod';
import { fromAicrSnapshot } from '../shared/aicr-documents.js';
import { API_VERSION } from '../shared/documents.js';
import { COLLECTOR_STATUSES, type Scalar } from './snapshot-document.js';

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

/**
 * A subtype's data: a map of scalars. A YAML `key:` with no value reads as null; a bare kernel flag is
 * stored as "", so null becomes "". Checked in one loop per record instead of a schema per value:
 * a 64 MB snapshot holds over a million values, and per-value schema parsing took longer than reading
 * the YAML. The record is copied only when it holds a null.
 */
const subtypeDataSchema = z.unknown().transform((data, context): Record<string, Scalar> => {
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    context.addIssue({
      code: 'custom',
      message: `expected a map of keys to values, got ${kindOf(data)}`,
    });
    return z.NEVER;
  }
  const record = data as Record<string, unknown>;
  let copy: Record<string, Scalar> | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    if (value === null) {
      (copy ??= { ...(record as Record<string, Scalar>) })[key] = '';
    } else if (
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'boolean'
    ) {
      context.addIssue({
        code: 'custom',
        path: [key],
        message: `expected a string, number or boolean, got ${kindOf(value)}`,
      });
      return z.NEVER;
    }
  }
  return copy ?? (record as Record<string, Scalar>);
});

function kindOf(value: unknown): string {
  return value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'a map'
        : typeof value;
}

export const subtypeSchema = z.object({
  subtype: z.string().min(1),
  data: subtypeDataSchema,
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

/** A metadata value as text: strings as they are, dates as ISO text, anything else as JSON. */
function metadataText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

const metadataSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((raw, context) => {
    const { source, collectors, ...rest } = raw ?? {};
    const metadata: Record<string, string> = {};
    for (const [key, value] of Object.entries(rest)) {
      if (value !== null && value !== undefined) metadata[key] = metadataText(value);
    }
    if (metadata['source-node'] === undefined && typeof source === 'string') {
      metadata['source-node'] = source;
    } else if (source !== undefined && source !== null) metadata.source = metadataText(source);
    // Earlier cnsctl snapshots kept the collector outcomes here; they now sit beside the metadata.
    const old =
      collectors === undefined ? undefined : z.array(collectorStatusSchema).safeParse(collectors);
    if (old && !old.success) {
      context.addIssue({
        code: 'custom',
        path: ['collectors'],
        message: 'not a list of collector outcomes',
      });
      return z.NEVER;
    }
    return { metadata, collectors: old?.data };
  });

export const snapshotSchema = z.preprocess(
  fromAicrSnapshot,
  z
    .object({
      kind: z.literal('Snapshot'),
      apiVersion: z.literal(API_VERSION),
      metadata: metadataSchema,
      collectors: z.array(collectorStatusSchema).optional(),
      measurements: z.array(measurementSchema),
    })
    .transform(({ kind, apiVersion, metadata, collectors, measurements }) => {
      const outcomes = collectors ?? metadata.collectors;
      return {
        kind,
        apiVersion,
        metadata: metadata.metadata,
        ...(outcomes === undefined ? {} : { collectors: outcomes }),
        measurements,
      };
    }),
);
