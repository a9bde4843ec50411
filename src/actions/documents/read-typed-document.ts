/**
 * @module Reads a document from any location and checks it against its schema in one step
 * (parseTypedDocument, which cnsd's request bodies go through too), so every command and route
 * reports unreadable, empty, malformed and mistyped input the same way, naming the document as the
 * user did (`<stdin>` for `-`).
 */
import type { z } from 'zod';
import { sourceName } from '../../core/shared/document-source.js';
import { parseTypedDocument } from '../../core/shared/parse-typed-document.js';
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
  const text = await documents.read(location, signal);
  return parseTypedDocument(text, schema, documentName, sourceName(location));
}
