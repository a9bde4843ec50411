/**
 * @module Reads a document from any location and checks it against its schema in one step, so every
 * command and route reports unreadable, empty, malformed and mistyped input the same way, naming the
 * document as the user did (`<stdin>` for `-`).
 */
import type { z } from 'zod';
import { sourceName } from '../../core/shared/document-source.js';
import { parseWithSchema } from '../../core/shared/documents.js';
import { CnsError } from '../../core/shared/errors.js';
import { parseDocumentText } from '../../core/shared/parse-document-text.js';
import type { DocumentStore } from '../ports.js';

/** What reading documents needs: the store, and the cancel signal of the run. */
export interface DocumentReading {
  readonly documents: DocumentStore;
  readonly signal?: AbortSignal;
}

/**
 * Reads `location` as a `documentName` document.
 * @throws CnsError INPUT_SCHEMA (empty, or not the schema), INPUT_YAML, or what the store throws.
 */
export async function readTypedDocument<S extends z.ZodType>(
  location: string,
  schema: S,
  documentName: string,
  { documents, signal }: DocumentReading,
): Promise<z.output<S>> {
  const source = sourceName(location);
  const text = await documents.read(location, signal);
  if (text.trim() === '') {
    throw new CnsError('INPUT_SCHEMA', `${source}: empty, expected a ${documentName} document`, {
      details: { source, document: documentName },
    });
  }
  return parseWithSchema(schema, parseDocumentText(text, source), source, documentName);
}
