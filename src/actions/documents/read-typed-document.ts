/**
 * @module Reads a document from any location and checks it against its schema in one step, so every
 * command reports unreadable, malformed and mistyped input the same way.
 */
import type { z } from 'zod';
import { parseWithSchema } from '../../core/shared/documents.js';
import { CnsError } from '../../core/shared/errors.js';
import { parseDocumentText } from '../../core/shared/parse-document-text.js';
import type { DocumentStore } from './document-store.js';

export async function readTypedDocument<S extends z.ZodType>(
  store: DocumentStore,
  uri: string,
  schema: S,
  documentName: string,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  const source = uri === '-' ? '<stdin>' : uri;
  const text = await store.read(uri, signal);
  if (text.trim() === '') {
    throw new CnsError('INPUT_SCHEMA', `${source}: empty, expected a ${documentName} document`, {
      details: { source, document: documentName },
    });
  }
  return parseWithSchema(schema, parseDocumentText(text, source), source, documentName);
}
