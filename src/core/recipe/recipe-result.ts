/**
 * @module The recipeResult document: criteria, constraints, component references with versions and
 * values, and the deployment order. Read back for validate, diff and bundle, so the schema accepts what
 * earlier tools wrote (unknown fields are kept, optional fields may be absent) and aicr's RecipeResult
 * (`aicr.nvidia.com/v1alpha1`, converted by aicr-documents.ts).
 */
import { z } from 'zod';
import { fromAicrRecipeResult } from '../shared/aicr-documents.js';
import { API_VERSION, KINDS } from '../shared/documents.js';
import { constraintSchema, valuesObjectSchema } from './catalog-schema.js';

const criteriaValue = z.union([z.string(), z.number()]);

export const recipeResultComponentSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().default('Helm'),
  source: z.string().optional(),
  chart: z.string().optional(),
  namespace: z.string().optional(),
  version: z.union([z.string(), z.number().transform(String)]).optional(),
  valuesFile: z.string().optional(),
  overrides: valuesObjectSchema.optional(),
  manifestFiles: z.array(z.string()).optional(),
  dependencyRefs: z.array(z.string()).optional(),
});

/**
 * A recipe constraint. In a recipe built from a snapshot, the constraints of overlays the snapshot
 * excluded stay in the recipe (the node is still judged by them) and carry `excludedOverlay`, the
 * overlay that requires them, and `excludedBecause`, why that overlay was left out.
 */
export const recipeConstraintSchema = constraintSchema.extend({
  excludedOverlay: z.string().optional(),
  excludedBecause: z.string().optional(),
});

export const constraintWarningSchema = z.looseObject({
  overlay: z.string(),
  name: z.string(),
  expected: z.string(),
  actual: z.string().optional(),
  status: z.string(),
  message: z.string(),
});

/** A coherence rule (data/rules) that the recipe breaks, e.g. with a user's own --data. */
export const coherenceWarningSchema = z.looseObject({
  rule: z.string(),
  message: z.string(),
  source: z.string().optional(),
});

export const recipeResultSchema = z.preprocess(
  fromAicrRecipeResult,
  z.looseObject({
    kind: z.literal(KINDS.recipeResult),
    apiVersion: z.literal(API_VERSION),
    metadata: z
      .looseObject({
        generatedAt: z.union([z.string(), z.date().transform((d) => d.toISOString())]).optional(),
        version: z.string().optional(),
        appliedOverlays: z.array(z.string()).default([]),
        excludedOverlays: z.array(z.string()).optional(),
        constraintWarnings: z.array(constraintWarningSchema).optional(),
        coherenceWarnings: z.array(coherenceWarningSchema).optional(),
      })
      .default({ appliedOverlays: [] }),
    criteria: z.record(z.string(), criteriaValue.nullish()).default({}),
    constraints: z.array(recipeConstraintSchema).default([]),
    componentRefs: z.array(recipeResultComponentSchema).default([]),
    deploymentOrder: z.array(z.string()).default([]),
  }),
);

export type RecipeResult = z.output<typeof recipeResultSchema>;
export type RecipeComponentRef = z.output<typeof recipeResultComponentSchema>;
export type ConstraintWarning = z.output<typeof constraintWarningSchema>;
export type RecipeConstraint = z.output<typeof recipeConstraintSchema>;
export type CoherenceWarning = z.output<typeof coherenceWarningSchema>;
