/**
 * @module The formats of a ValidationResult (`cnsctl validate`): YAML and JSON documents, a table with
 * failures first, and JUnit XML for CI, whose failures follow --fail-on as the exit code does.
 */
import type { FailOn } from '../../core/validate/validation-exit-code.js';
import type { ValidationResult } from '../../core/validate/validation-result.js';
import type { Renderers } from './renderers.js';

export const validationRenderers = {
  yaml: async (result) => (await import('../../core/shared/serialize.js')).toYaml(result),
  json: async (result) => (await import('../../core/shared/serialize.js')).toJson(result),
  table: async (result, { color }) => {
    const [{ formatValidationTable }, { loadPaint }] = await Promise.all([
      import('./validation-table.js'),
      import('./diff-colors.js'),
    ]);
    return formatValidationTable(result, await loadPaint(color));
  },
  junit: async (result, { failOn }) =>
    (await import('../../presentation/validation-junit.js')).renderJunit(result, { failOn }),
} satisfies Renderers<ValidationResult, { readonly failOn: FailOn }>;
