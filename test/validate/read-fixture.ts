/**
 * @module Test fixtures of validate and diff, read and schema-checked the way the CLI reads documents.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recipeResultSchema, type RecipeResult } from '../../src/core/recipe/recipe-result.js';
import { parseWithSchema } from '../../src/core/shared/documents.js';
import { parseDocumentText } from '../../src/core/shared/parse-document-text.js';
import { snapshotSchema, type Snapshot } from '../../src/core/snapshot/snapshot.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of a fixture: `validate/h100-snapshot.yaml`, `diff/eks-node-after.yaml`. */
export function fixturePath(name: string): string {
  return join(here, '..', dirname(name), 'fixtures', name.slice(name.indexOf('/') + 1));
}

export function readSnapshotFixture(name: string): Snapshot {
  const path = fixturePath(name);
  return parseWithSchema(
    snapshotSchema,
    parseDocumentText(readFileSync(path, 'utf8'), path),
    path,
    'Snapshot',
  );
}

export function readRecipeFixture(name: string): RecipeResult {
  const path = fixturePath(name);
  return parseWithSchema(
    recipeResultSchema,
    parseDocumentText(readFileSync(path, 'utf8'), path),
    path,
    'recipeResult',
  );
}
