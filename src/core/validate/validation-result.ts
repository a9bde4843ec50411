/**
 * @module The ValidationResult document: one result per recipe constraint and a summary. A constraint
 * that failed with severity `warning` counts in `failed` and in `warnings`; the status is `fail` when a
 * constraint of severity `error` failed, else `incomplete` when any constraint was skipped (nothing
 * measured is not a pass), else `pass`. The schema reads back what cnsctl writes and what earlier
 * tools wrote (no message, no warnings count).
 */
import { z } from 'zod';
import { CONSTRAINT_STATUSES, type ConstraintResult } from '../constraint/evaluate-constraint.js';
import { CONSTRAINT_SEVERITIES } from '../recipe/catalog-schema.js';
import { API_VERSION } from '../shared/documents.js';

export const VALIDATION_RESULT_KIND = 'ValidationResult';

export const VALIDATION_STATUSES = ['pass', 'incomplete', 'fail'] as const;
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

const text = z.union([z.string(), z.number().transform(String), z.boolean().transform(String)]);

export const validationEntrySchema = z.looseObject({
  name: z.string(),
  expected: text,
  actual: text.optional(),
  status: z.enum(CONSTRAINT_STATUSES),
  severity: z.enum(CONSTRAINT_SEVERITIES).optional(),
  message: z.string().optional(),
  remediation: z.string().optional(),
  /** The overlay that requires the constraint and that the recipe left out (recipeResult constraints). */
  excludedOverlay: z.string().optional(),
});

const count = z.number().int().nonnegative();

export const validationSummarySchema = z.looseObject({
  passed: count,
  failed: count,
  /** Failed constraints of severity warning; included in `failed`. */
  warnings: count.default(0),
  skipped: count,
  total: count,
  status: z.enum(VALIDATION_STATUSES),
  /** Go-style duration text, e.g. `11.5µs`. */
  duration: z.string().optional(),
});

export const validationResultSchema = z.looseObject({
  kind: z.literal(VALIDATION_RESULT_KIND),
  apiVersion: z.literal(API_VERSION),
  metadata: z
    .looseObject({
      generatedAt: z.union([z.string(), z.date().transform((d) => d.toISOString())]).optional(),
      version: z.string().optional(),
      recipe: z.string().optional(),
      snapshot: z.string().optional(),
      node: z.string().optional(),
    })
    .default({}),
  summary: validationSummarySchema,
  results: z.array(validationEntrySchema).default([]),
});

export type ValidationEntry = z.output<typeof validationEntrySchema>;
export type ValidationSummary = z.output<typeof validationSummarySchema>;
export type ValidationResult = z.output<typeof validationResultSchema>;

/** The counts and verdict of a set of results, before the run's duration is known. */
export interface ValidationCounts {
  readonly passed: number;
  readonly failed: number;
  readonly warnings: number;
  readonly skipped: number;
  readonly total: number;
  readonly status: ValidationStatus;
}

export interface ValidationMetadata {
  readonly generatedAt: string;
  readonly version: string;
  /** Where the recipe and snapshot were read from, as the user named them. */
  readonly recipe?: string;
  readonly snapshot?: string;
  /** The snapshot's `metadata.source-node`. */
  readonly node?: string;
}

/**
 * Counts results: `failed` includes warnings; the status fails only on a failed error, and is
 * `incomplete` when nothing failed but something was not measured.
 */
export function countResults(results: readonly ConstraintResult[]): ValidationCounts {
  let passed = 0;
  let failed = 0;
  let warnings = 0;
  let skipped = 0;
  for (const result of results) {
    if (result.status === 'passed') passed++;
    else if (result.status === 'skipped') skipped++;
    else {
      failed++;
      if (result.severity === 'warning') warnings++;
    }
  }
  const status = failed > warnings ? 'fail' : skipped > 0 ? 'incomplete' : 'pass';
  return { passed, failed, warnings, skipped, total: results.length, status };
}

/** Assembles the document in the key order users read it: summary first, then each result. */
export function buildValidationResult(
  results: readonly ConstraintResult[],
  counts: ValidationCounts,
  duration: string,
  metadata: ValidationMetadata,
): ValidationResult {
  return {
    kind: VALIDATION_RESULT_KIND,
    apiVersion: API_VERSION,
    metadata: {
      generatedAt: metadata.generatedAt,
      version: metadata.version,
      ...(metadata.recipe === undefined ? {} : { recipe: metadata.recipe }),
      ...(metadata.snapshot === undefined ? {} : { snapshot: metadata.snapshot }),
      ...(metadata.node === undefined ? {} : { node: metadata.node }),
    },
    summary: {
      passed: counts.passed,
      failed: counts.failed,
      warnings: counts.warnings,
      skipped: counts.skipped,
      total: counts.total,
      status: counts.status,
      duration,
    },
    results: results.map(toEntry),
  };
}

function toEntry(result: ConstraintResult): ValidationEntry {
  const { name, expected, actual, status, severity, message, remediation, excludedOverlay } =
    result;
  // Literal shapes rather than conditional spreads: this runs once per constraint, 10,000 at a time.
  const entry: { -readonly [K in keyof ValidationEntry]: ValidationEntry[K] } =
    actual === undefined
      ? { name, expected, status, severity, message }
      : { name, expected, actual, status, severity, message };
  if (remediation !== undefined) entry.remediation = remediation;
  if (excludedOverlay !== undefined) entry.excludedOverlay = excludedOverlay;
  return entry;
}
