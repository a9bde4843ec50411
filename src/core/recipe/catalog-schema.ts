/**
 * @module The schemas of the recipe data files under data/: the component registry, overlays, and the
 * constraint shape they share with recipeResult. docs/data-authoring.md explains each field.
 */
import { z } from 'zod';
import { API_VERSION } from '../shared/documents.js';
import { CRITERIA_DIMENSIONS } from './criteria.js';

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const DATA_PATH = /^(components)\/[a-z0-9-]+\/[A-Za-z0-9._/-]+\.ya?ml$/;

export const componentNameSchema = z
  .string()
  .regex(NAME, 'must be lower-case letters, digits and dashes');
export const dataPathSchema = z
  .string()
  .regex(DATA_PATH, 'must be a path like components/<component>/<file>.yaml')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ..');
export const valuesPathSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be a dotted values path');

export const CONSTRAINT_SEVERITIES = ['error', 'warning'] as const;
export type ConstraintSeverity = (typeof CONSTRAINT_SEVERITIES)[number];

export const constraintSchema = z.object({
  name: z.string().regex(/^[^.\s]+\.[^.\s]+\..+$/, 'must be Type.Subtype.Key'),
  value: z.union([z.string(), z.number().transform(String)]),
  severity: z.enum(CONSTRAINT_SEVERITIES).optional(),
  remediation: z.string().optional(),
});
export type Constraint = z.infer<typeof constraintSchema>;

const schedulingPathsSchema = z.strictObject({
  nodeSelectorPaths: z.array(valuesPathSchema).default([]),
  tolerationPaths: z.array(valuesPathSchema).default([]),
});

export const registryComponentSchema = z.strictObject({
  name: componentNameSchema,
  displayName: z.string().min(1),
  description: z.string().optional(),
  type: z.literal('Helm').default('Helm'),
  helm: z.strictObject({
    repository: z.string().regex(/^(https:\/\/|oci:\/\/)/, 'must start with https:// or oci://'),
    chart: z.string().min(1),
  }),
  namespace: componentNameSchema,
  /** Extra names accepted by `--set <alias>:path=value`. */
  setAliases: z.array(z.string().min(1)).default([]),
  /** The component's base values, applied under every overlay's values. */
  valuesFile: dataPathSchema.optional(),
  /**
   * Facts a recipe built from a snapshot pins in the component's overrides, e.g. the GPU driver
   * version running on the node → `driver.version`.
   */
  snapshotLocks: z
    .array(
      z.strictObject({
        /** Measurement paths (`Type.Subtype.Key`) to read; the first present wins. */
        measurements: z
          .array(z.string().regex(/^[^.\s]+\.[^.\s]+\..+$/, 'must be Type.Subtype.Key'))
          .min(1),
        valuesPath: valuesPathSchema,
        /** Skip the lock when the merged values hold `false` at this path (e.g. driver.enabled). */
        unlessFalse: valuesPathSchema.optional(),
      }),
    )
    .default([]),
  nodeScheduling: z
    .strictObject({
      system: schedulingPathsSchema.optional(),
      accelerated: schedulingPathsSchema.optional(),
    })
    .default({}),
  /**
   * Values keys the data sets although the chart does not read them, each with why it is kept (e.g. to
   * reproduce the demo's values); the values-path check skips them, and reports one the chart does read.
   */
  noOpPaths: z
    .array(z.strictObject({ path: valuesPathSchema, reason: z.string().min(1) }))
    .optional(),
  /** What the component brings to a cluster that coherence rules can ask for. */
  provides: z
    .strictObject({
      /** API groups of the CustomResourceDefinitions the chart installs. */
      crdGroups: z.array(z.string().min(1)).default([]),
    })
    .optional(),
});
export type RegistryComponent = z.infer<typeof registryComponentSchema>;

export const registrySchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal('ComponentRegistry'),
  components: z.array(registryComponentSchema).min(1),
});
export type Registry = z.infer<typeof registrySchema>;

const criteriaValue = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional();

export const overlayCriteriaSchema = z.strictObject({
  service: criteriaValue(CRITERIA_DIMENSIONS.service),
  accelerator: criteriaValue(CRITERIA_DIMENSIONS.accelerator),
  os: criteriaValue(CRITERIA_DIMENSIONS.os),
  intent: criteriaValue(CRITERIA_DIMENSIONS.intent),
  platform: criteriaValue(CRITERIA_DIMENSIONS.platform),
});
export type OverlayCriteria = z.infer<typeof overlayCriteriaSchema>;

export const valuesObjectSchema = z.record(z.string(), z.unknown());
export type ValuesObject = Record<string, unknown>;

export const overlayComponentRefSchema = z.strictObject({
  name: componentNameSchema,
  /** false removes a component that a more general overlay added. */
  enabled: z.boolean().optional(),
  source: z.string().optional(),
  version: z.union([z.string(), z.number().transform(String)]).optional(),
  valuesFile: dataPathSchema.optional(),
  overrides: valuesObjectSchema.optional(),
  manifestFiles: z.array(dataPathSchema).optional(),
  dependencyRefs: z.array(componentNameSchema).optional(),
});
export type OverlayComponentRef = z.infer<typeof overlayComponentRefSchema>;

export const overlaySchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal('RecipeOverlay'),
  metadata: z.strictObject({
    name: componentNameSchema,
    description: z.string().optional(),
  }),
  spec: z.strictObject({
    base: componentNameSchema.optional(),
    criteria: overlayCriteriaSchema.default({}),
    constraints: z.array(constraintSchema).default([]),
    componentRefs: z.array(overlayComponentRefSchema).default([]),
  }),
});
export type Overlay = z.infer<typeof overlaySchema>;

/** One value of the demo's Appendix C.1 that the data deliberately changes, with its evidence. */
export const seedDeviationSchema = z.strictObject({
  path: valuesPathSchema,
  /** Appendix C.1's value; null where C.1 lacks the key. */
  demo: z.unknown(),
  /** Our value; null where we remove the key. */
  ours: z.unknown(),
  reason: z.string().min(1),
  source: z.string().min(1),
});
export type SeedDeviation = z.infer<typeof seedDeviationSchema>;

export const seedDeviationsSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal('SeedDeviations'),
  component: componentNameSchema,
  deviations: z.array(seedDeviationSchema),
});
export type SeedDeviations = z.infer<typeof seedDeviationsSchema>;

/**
 * Accelerator × service pairs that no overlay names together, each with the recipe they fall back to
 * and why that is right (or what is missing). docs/coverage.md is generated from these and the overlays.
 */
export const coverageNotesSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal('CoverageNotes'),
  fallbacks: z.array(
    z.strictObject({
      accelerator: z.enum(CRITERIA_DIMENSIONS.accelerator),
      service: z.enum(CRITERIA_DIMENSIONS.service),
      note: z.string().min(1),
    }),
  ),
});
export type CoverageNotes = z.infer<typeof coverageNotesSchema>;
