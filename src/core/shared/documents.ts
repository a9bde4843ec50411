/**
 * @module The envelope every document shares, and schema parsing that reports the first problem with
 * its path in the document (e.g. `measurements[2].subtypes[0].subtype`).
 */
import type { z } from 'zod';
import { CnsError } from './errors.js';

export const API_VERSION = 'cns.nvidia.com/v1alpha1';

/** Document kinds as earlier tools spell them (note the lower-case recipe kinds). */
export const KINDS = {
  snapshot: 'Snapshot',
  recipeCriteria: 'recipeCriteria',
  recipeResult: 'recipeResult',
  validationResult: 'ValidationResult',
} as const;

/** Validates `value` (already parsed from `source`) against `schema`, or throws INPUT_SCHEMA. */
export function parseWithSchema<S extends z.ZodType>(
  schema: S,
  value: unknown,
  source: string,
  documentName: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? formatIssuePath(issue.path) : '';
  const what = issue?.message ?? 'invalid document';
  throw new CnsError(
    'INPUT_SCHEMA',
    `${source}: not a valid ${documentName}${path ? ` at ${path}` : ''}: ${what}`,
    { details: { source, document: documentName, path, issues: result.error.issues.length } },
  );
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
