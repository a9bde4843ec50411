/**
 * @module Document text → a typed document in one step: empty text, malformed YAML or JSON and a
 * document that does not match its schema are each reported the same way wherever the text came
 * from (a file or URL the CLI read, an HTTP request's body), naming the source as the caller does.
 */
import type { z } from 'zod';
import { parseWithSchema } from './documents.js';
import { CnsError } from './errors.js';
import { parseDocumentText } from './parse-document-text.js';

/**
 * Parses `text` from `source` as a `documentName` document.
 * @throws CnsError INPUT_SCHEMA (empty, or not the schema) or INPUT_YAML.
 */
export function parseTypedDocument<S extends z.ZodType>(
  text: string,
  schema: S,
  documentName: string,
  source: string,
): z.output<S> {
  if (text.trim() === '') {
    throw new CnsError('INPUT_SCHEMA', `${source}: empty, expected a ${documentName} document`, {
      details: { source, document: documentName },
    });
  }
  return parseWithSchema(schema, parseDocumentText(text, source), source, documentName);
}
