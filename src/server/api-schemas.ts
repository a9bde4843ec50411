/**
 * @module The API's request and response schemas. Requests reuse the document schemas cnsctl reads
 * with (recipeCriteria, Snapshot, recipeResult); answers reuse the result schemas where the results
 * have one and describe the others (diff reports, listings) here. The same zod schemas validate
 * requests and generate /openapi.json; ids become named components of that document.
 */
import { z } from 'zod';
import type { FleetDiff } from '../core/diff/compare-fleet.js';
import type { SnapshotDiff } from '../core/diff/compare-snapshots.js';
import type { RecipeDrift } from '../core/diff/evaluate-drift.js';
import type { ComponentListing } from '../core/recipe/list-components.js';
import { DIMENSION_NAMES, type CriteriaDimension } from '../core/recipe/criteria.js';
import { recipeCriteriaDocumentSchema } from '../core/recipe/recipe-criteria-document.js';
import { recipeResultSchema } from '../core/recipe/recipe-result.js';
import { API_VERSION } from '../core/shared/documents.js';
import { ERROR_CODES } from '../core/shared/errors.js';
import { snapshotSchema } from '../core/snapshot/snapshot.js';
import { FAIL_ON_LEVELS } from '../core/validate/validation-exit-code.js';
import { validationResultSchema } from '../core/validate/validation-result.js';

export const errorSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string(),
  })
  .meta({
    id: 'Error',
    description: 'Every error: a closed code, one line, details, the request id',
  });

export const recipeDocument = recipeResultSchema.meta({
  id: 'RecipeResult',
  title: 'recipeResult',
  description: 'A recipeResult document (ours, or aicr’s RecipeResult)',
});
export const snapshotDocument = snapshotSchema.meta({
  id: 'Snapshot',
  title: 'Snapshot',
  description: 'A Snapshot document (ours, or aicr’s)',
});
export const criteriaDocument = recipeCriteriaDocumentSchema.meta({
  id: 'RecipeCriteria',
  title: 'recipeCriteria',
  description: 'A recipeCriteria document (ours, or aicr’s RecipeCriteria)',
});
export const validationDocument = validationResultSchema.meta({ id: 'ValidationResult' });

/** Criteria as query parameters: values are checked by parseCriteria, in any case, as the CLI's flags are. */
export function criteriaQueryShape(served: Readonly<Record<CriteriaDimension, readonly string[]>>) {
  const dimensions = Object.fromEntries(
    DIMENSION_NAMES.map((dimension) => [
      dimension,
      z
        .string()
        .optional()
        .meta({
          enum: [...served[dimension]],
          description: `the ${dimension} (any when left out)`,
        }),
    ]),
  ) as Record<CriteriaDimension, z.ZodOptional<z.ZodString>>;
  return {
    ...dimensions,
    nodes: z
      .string()
      .regex(/^\d{1,9}$/, 'must be a whole number')
      .optional()
      .meta({ description: 'cluster size hint; 0 or left out means any' }),
  };
}

/** POST /v1/recipe: criteria to build from, or a snapshot to detect them from. */
export const recipeRequestBody = z.union([criteriaDocument, snapshotDocument]).meta({
  title: 'recipeCriteria or Snapshot',
});

export const failOnQuery = z.enum(FAIL_ON_LEVELS).default('error').meta({
  description: 'which failed constraints are JUnit failures (as cnsctl validate --fail-on)',
});

export const validateRequestBody = z
  .strictObject({ recipe: recipeDocument, snapshot: snapshotDocument })
  .meta({ id: 'ValidateRequest', title: 'validate request' });

const patterns = z.array(z.string()).max(256);

export const diffRequestBody = z
  .strictObject({
    snapshots: z.array(snapshotDocument).min(1).max(1000).meta({
      description: 'two snapshots to compare, three or more as a fleet, or one to check for drift',
    }),
    recipe: recipeDocument.optional().meta({ description: 'check one snapshot against it' }),
    ignore: patterns.optional().meta({ description: 'globs of keys to leave out (--ignore)' }),
    only: patterns.optional().meta({ description: 'globs of the only keys compared (--only)' }),
    defaultIgnores: z
      .boolean()
      .optional()
      .meta({ description: 'false also compares volatile keys (--no-default-ignores)' }),
  })
  .meta({ id: 'DiffRequest', title: 'diff request' });

const reportMetadata = { generatedAt: z.string(), version: z.string() };
const filterMetadata = { ignore: z.array(z.string()), only: z.array(z.string()) };
const diffSide = z.object({
  source: z.string(),
  node: z.string(),
  timestamp: z.string().optional(),
});
const keyValue = z.object({ key: z.string(), value: z.string() });

const snapshotDiffSchema = z
  .object({
    kind: z.literal('SnapshotDiff'),
    apiVersion: z.literal(API_VERSION),
    metadata: z.object({
      ...reportMetadata,
      a: diffSide,
      b: diffSide,
      ...filterMetadata,
      defaultIgnores: z.boolean(),
    }),
    summary: z.object({
      status: z.enum(['equal', 'different']),
      added: z.number(),
      removed: z.number(),
      changed: z.number(),
      compared: z.number(),
      ignored: z.number(),
    }),
    differences: z.array(
      z.object({
        type: z.string(),
        subtype: z.string(),
        added: z.array(keyValue).optional(),
        removed: z.array(keyValue).optional(),
        changed: z.array(z.object({ key: z.string(), a: z.string(), b: z.string() })).optional(),
      }),
    ),
  })
  .meta({ id: 'SnapshotDiff' }) satisfies z.ZodType<SnapshotDiff>;

const valueGroup = z.object({
  value: z.string().optional(),
  absent: z.literal(true).optional(),
  count: z.number(),
  nodes: z.array(z.string()).optional(),
});

const fleetDiffSchema = z
  .object({
    kind: z.literal('FleetDiff'),
    apiVersion: z.literal(API_VERSION),
    metadata: z.object({
      ...reportMetadata,
      nodes: z.array(z.object({ node: z.string(), source: z.string() })),
      ...filterMetadata,
      defaultIgnores: z.boolean(),
    }),
    summary: z.object({
      status: z.enum(['uniform', 'different']),
      nodes: z.number(),
      compared: z.number(),
      differing: z.number(),
      ignored: z.number(),
      outlierNodes: z.number(),
    }),
    outliers: z.array(
      z.object({ node: z.string(), source: z.string(), keys: z.array(z.string()) }),
    ),
    differences: z.array(
      z.object({
        key: z.string(),
        type: z.string(),
        subtype: z.string(),
        majority: valueGroup,
        outliers: z.array(valueGroup),
        tie: z.literal(true).optional(),
      }),
    ),
  })
  .meta({ id: 'FleetDiff' }) satisfies z.ZodType<FleetDiff>;

const recipeDriftSchema = z
  .object({
    kind: z.literal('RecipeDrift'),
    apiVersion: z.literal(API_VERSION),
    metadata: z.object({
      ...reportMetadata,
      recipe: z.string(),
      snapshot: z.string(),
      node: z.string().optional(),
      ...filterMetadata,
    }),
    summary: z.object({
      status: z.enum(['in-sync', 'drifted']),
      constraints: z.number(),
      met: z.number(),
      drifted: z.number(),
      unmeasured: z.number(),
      ignored: z.number(),
    }),
    drift: z.array(
      z.object({
        name: z.string(),
        expected: z.string(),
        actual: z.string(),
        severity: z.enum(['error', 'warning']),
        message: z.string(),
        reason: z.string(),
        remediation: z.string().optional(),
      }),
    ),
    unmeasured: z.array(z.object({ name: z.string(), expected: z.string(), reason: z.string() })),
  })
  .meta({ id: 'RecipeDrift' }) satisfies z.ZodType<RecipeDrift>;

export const diffReportSchema = z
  .union([snapshotDiffSchema, fleetDiffSchema, recipeDriftSchema])
  .meta({ id: 'DiffReport' });

export const componentListSchema = z
  .object({
    components: z.array(
      z.object({
        name: z.string(),
        displayName: z.string(),
        description: z.string().optional(),
        namespace: z.string(),
        chart: z.object({ repository: z.string(), name: z.string() }),
        versions: z.array(z.object({ version: z.string(), overlays: z.array(z.string()) })),
      }) satisfies z.ZodType<ComponentListing>,
    ),
  })
  .meta({ id: 'ComponentList' });

export const criteriaValuesSchema = z
  .object({
    criteria: z.object(
      Object.fromEntries(DIMENSION_NAMES.map((d) => [d, z.array(z.string())])) as Record<
        CriteriaDimension,
        z.ZodArray<z.ZodString>
      >,
    ),
    nodes: z.object({ minimum: z.literal(0), description: z.string() }),
  })
  .meta({ id: 'CriteriaValues' });

export const healthSchema = z.object({ status: z.enum(['ok', 'ready']) });
