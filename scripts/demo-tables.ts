/**
 * @module The demo's views of the documents its one run of each stage wrote: each file is read back
 * through the schema the CLI reads it with and rendered by the CLI's own table formatter, so what the
 * terminal shows is exactly what demo-output/ holds.
 */
import { formatRecipeTable } from '../src/cli/format/recipe-table.js';
import { formatSnapshotTable } from '../src/cli/format/snapshot-table.js';
import { formatValidationTable } from '../src/cli/format/validation-table.js';
import { recipeResultSchema } from '../src/core/recipe/recipe-result.js';
import { parseWithSchema } from '../src/core/shared/documents.js';
import { parseDocumentText } from '../src/core/shared/parse-document-text.js';
import { snapshotSchema } from '../src/core/snapshot/snapshot.js';
import {
  validationResultSchema,
  type ValidationSummary,
} from '../src/core/validate/validation-result.js';

const read = (text: string, source: string) => parseDocumentText(text, source);

export function snapshotTable(text: string, source: string): string {
  return formatSnapshotTable(
    parseWithSchema(snapshotSchema, read(text, source), source, 'Snapshot'),
  );
}

export function recipeTable(text: string, source: string): string {
  return formatRecipeTable(
    parseWithSchema(recipeResultSchema, read(text, source), source, 'recipeResult'),
  );
}

/** The validation table and its summary, for the demo's closing line. */
export function validationTable(
  text: string,
  source: string,
): { table: string; summary: ValidationSummary } {
  const result = parseWithSchema(
    validationResultSchema,
    read(text, source),
    source,
    'ValidationResult',
  );
  return { table: formatValidationTable(result), summary: result.summary };
}
