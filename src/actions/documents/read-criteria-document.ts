/**
 * @module Reads one recipeCriteria document. The schema library loads only when one is actually read.
 */
import type { z } from 'zod';
import type { recipeCriteriaDocumentSchema } from '../../core/recipe/recipe-criteria-document.js';
import { readTypedDocument, type DocumentReading } from './read-typed-document.js';

export type RecipeCriteriaDocument = z.output<typeof recipeCriteriaDocumentSchema>;

export async function readCriteriaDocument(
  location: string,
  reading: DocumentReading,
): Promise<RecipeCriteriaDocument> {
  const { recipeCriteriaDocumentSchema } =
    await import('../../core/recipe/recipe-criteria-document.js');
  return readTypedDocument(location, recipeCriteriaDocumentSchema, 'recipeCriteria', reading);
}
