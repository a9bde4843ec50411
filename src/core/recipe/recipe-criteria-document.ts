/**
 * @module The recipeCriteria document. Its spec holds loose values that parseCriteria checks, so a
 * file and flags report unknown values the same way.
 */
import { z } from 'zod';
import { API_VERSION } from '../shared/documents.js';

const looseValue = z.union([z.string(), z.number().transform(String)]);

/** The recipeCriteria document; `spec` holds loose values, checked by parseCriteria. */
export const recipeCriteriaDocumentSchema = z.object({
  kind: z.literal('recipeCriteria'),
  apiVersion: z.literal(API_VERSION),
  metadata: z.looseObject({ name: z.string().optional() }).optional(),
  spec: z.object({
    service: looseValue.optional(),
    accelerator: looseValue.optional(),
    os: looseValue.optional(),
    intent: looseValue.optional(),
    platform: looseValue.optional(),
    nodes: z.union([z.number(), z.string()]).optional(),
  }),
});
