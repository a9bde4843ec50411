/**
 * @module The schema of coherence rules (data/rules/*.yaml): each rule says that when every `when`
 * clause holds for a recipe, every `require` clause must hold too. A clause looks at one thing: a
 * component and its merged values, a CRD group some component provides, the recipe's criteria, or a
 * constraint's floor. docs/data-authoring.md ("Coherence rules") documents the grammar.
 */
import { z } from 'zod';
import { API_VERSION } from '../shared/documents.js';
import { CRITERIA_DIMENSIONS } from './criteria.js';
import { VALUES_PATH_PATTERN } from './values-path.js';

const componentName = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'must be a component name');
const rulePath = z
  .string()
  .regex(
    VALUES_PATH_PATTERN,
    'must be a dotted values path; list items as key[field=value], e.g. env[name=X].value',
  );

/** How a value clause compares the value at its path; at most one per clause. */
export const VALUE_COMPARATORS = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'exists',
  'sameAs',
] as const;
export type ValueComparator = (typeof VALUE_COMPARATORS)[number];

const valueClauseSchema = z
  .strictObject({
    component: componentName,
    path: rulePath.optional(),
    equals: z.unknown().optional(),
    notEquals: z.unknown().optional(),
    in: z.array(z.unknown()).min(1).optional(),
    notIn: z.array(z.unknown()).min(1).optional(),
    exists: z.boolean().optional(),
    sameAs: z.strictObject({ component: componentName, path: rulePath }).optional(),
    /** Without a path: whether the component is in the recipe (default true). */
    present: z.boolean().optional(),
    /** Without a path: the component is deployed before this one (it depends on it, transitively). */
    before: componentName.optional(),
  })
  .superRefine((clause, context) => {
    const comparators = VALUE_COMPARATORS.filter((key) => Object.hasOwn(clause, key));
    if (comparators.length > 1)
      context.addIssue({
        code: 'custom',
        message: `use one comparator per clause, not ${comparators.join(' and ')}`,
      });
    if (comparators.length > 0 && clause.path === undefined)
      context.addIssue({ code: 'custom', message: `${comparators[0]} needs a path` });
    if (clause.path !== undefined && (clause.present !== undefined || clause.before !== undefined))
      context.addIssue({
        code: 'custom',
        message: 'present and before apply to the component, not to a path: drop the path',
      });
  });

const crdClauseSchema = z.strictObject({
  /** Some component of the recipe lists this group under `provides.crdGroups` in the registry. */
  providesCrdGroup: z.string().regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'must be an API group'),
  /** ... and is deployed before this component (or is it). */
  before: componentName.optional(),
});

const criteriaValues = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.array(z.enum(values)).min(1)]).optional();

const criteriaClauseSchema = z.strictObject({
  criteria: z.strictObject({
    service: criteriaValues(CRITERIA_DIMENSIONS.service),
    accelerator: criteriaValues(CRITERIA_DIMENSIONS.accelerator),
    os: criteriaValues(CRITERIA_DIMENSIONS.os),
    intent: criteriaValues(CRITERIA_DIMENSIONS.intent),
    platform: criteriaValues(CRITERIA_DIMENSIONS.platform),
  }),
});

const constraintClauseSchema = z.strictObject({
  /** A constraint name, e.g. K8s.server.version. */
  constraint: z.string().regex(/^[^.\s]+\.[^.\s]+\..+$/, 'must be Type.Subtype.Key'),
  /** The recipe's `>=` floor for it is at least this version. */
  atLeast: z.union([z.string(), z.number().transform(String)]),
});

export const coherenceClauseSchema = z.union(
  [valueClauseSchema, crdClauseSchema, criteriaClauseSchema, constraintClauseSchema],
  {
    error:
      'a clause starts with component, providesCrdGroup, criteria or constraint (docs/data-authoring.md, "Coherence rules")',
  },
);
export type CoherenceClause = z.infer<typeof coherenceClauseSchema>;
export type ValueClause = z.infer<typeof valueClauseSchema>;
export type CrdClause = z.infer<typeof crdClauseSchema>;
export type CriteriaClause = z.infer<typeof criteriaClauseSchema>;
export type ConstraintClause = z.infer<typeof constraintClauseSchema>;

export const coherenceRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'must be lower-case words and dashes'),
  /** Why a recipe that breaks the rule fails or underperforms on a real cluster. */
  reason: z.string().min(1),
  /** Where the evidence is: repo@tag path, or a documentation page. */
  source: z.string().min(1),
  when: z.array(coherenceClauseSchema).default([]),
  require: z.array(coherenceClauseSchema).min(1),
});
export type CoherenceRule = z.infer<typeof coherenceRuleSchema>;

export const coherenceRulesFileSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal('CoherenceRules'),
  rules: z.array(coherenceRuleSchema).min(1),
});
