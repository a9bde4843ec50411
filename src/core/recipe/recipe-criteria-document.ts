/**
 * @module The recipeCriteria document. Its spec holds loose values that parseCriteria checks, so a
 * file and flags report unknown values the same way. Unknown keys are errors, not ignored: a typo such
 * as `servce:` would otherwise build a recipe for the wrong criteria without a word. aicr's
 * RecipeCriteria (`aicr.nvidia.com/v1alpha1`) reads the same.
 */
import { z } from 'zod';
import { fromAicrRecipeCriteria } from '../shared/aicr-documents.js';
import { API_VERSION } from '../shared/documents.js';

const looseValue = z.union([z.string(), z.number().transform(String)]);

const specShape = {
  service: looseValue.optional(),
  accelerator: looseValue.optional(),
  os: looseValue.optional(),
  intent: looseValue.optional(),
  platform: looseValue.optional(),
  nodes: z.union([z.number(), z.string()]).optional(),
};

/** The message for keys a strict object does not know, listing the ones it does. */
function unknownKeys(accepted: readonly string[]) {
  return (issue: { code?: string; keys?: readonly string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `unknown key${issue.keys?.length === 1 ? '' : 's'} ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}; accepted keys are ${accepted.join(', ')}`
      : undefined;
}

/** The recipeCriteria document (or aicr's RecipeCriteria); `spec` holds loose values, checked by parseCriteria. */
export const recipeCriteriaDocumentSchema = z.preprocess(
  fromAicrRecipeCriteria,
  z.strictObject(
    {
      kind: z.literal('recipeCriteria'),
      apiVersion: z.literal(API_VERSION),
      metadata: z.looseObject({ name: z.string().optional() }).optional(),
      spec: z.strictObject(specShape, { error: unknownKeys(Object.keys(specShape)) }),
    },
    { error: unknownKeys(['kind', 'apiVersion', 'metadata', 'spec']) },
  ),
);
