/**
 * @module Request bodies are documents, read the way cnsctl reads a file: the text (JSON or YAML, by
 * Content-Type) goes through the same parseTypedDocument as readTypedDocument, so a malformed body is
 * INPUT_YAML with its line and column and a mistyped one INPUT_SCHEMA with the field path, both
 * naming "request body". Query strings are checked by their zod schema the same way. The schemas
 * are the routes' own, which also generate the OpenAPI document.
 */
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { parseWithSchema } from '../core/shared/documents.js';
import { CnsError } from '../core/shared/errors.js';
import { parseTypedDocument } from '../core/shared/parse-typed-document.js';

/** The body types accepted; anything else is 415. */
export const DOCUMENT_MEDIA_TYPES = [
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
] as const;

export const BODY_SOURCE = 'request body';

/** Keeps bodies as text: the document parser, not the framework's JSON parser, reads them. */
export function acceptDocumentBodies(app: FastifyInstance, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    [...DOCUMENT_MEDIA_TYPES],
    { parseAs: 'string', bodyLimit },
    (_request, body, done) => done(null, body),
  );
}

/** The name a body schema gives its document in messages: its OpenAPI title. */
function documentName(schema: z.ZodType): string {
  return z.globalRegistry.get(schema)?.title ?? 'document';
}

const kindOnly = z.looseObject({ kind: z.string() });

/**
 * Reads a body that may be one of several documents as the one its `kind` names (case aside, so
 * aicr's RecipeCriteria is a recipeCriteria), so its errors are that document's, not the union's.
 */
function parseOneOf(text: string, members: readonly z.ZodType[], title: string): unknown {
  const head = parseTypedDocument(text, kindOnly, title, BODY_SOURCE);
  const names = members.map(documentName);
  const index = names.findIndex((name) => name.toLowerCase() === head.kind.toLowerCase());
  const member = members[index];
  if (member === undefined) {
    throw new CnsError(
      'INPUT_SCHEMA',
      `${BODY_SOURCE}: kind "${head.kind}" is not one this endpoint reads: send a ${names.join(' or a ')} document`,
      { details: { source: BODY_SOURCE, path: 'kind', accepted: names } },
    );
  }
  return parseWithSchema(member, head, BODY_SOURCE, names[index] as string);
}

function bodyParser(schema: z.ZodType): (text: string) => unknown {
  const title = documentName(schema);
  if (schema instanceof z.ZodUnion) {
    const members = schema.options as readonly z.ZodType[];
    return (text) => parseOneOf(text, members, title);
  }
  return (text) => parseTypedDocument(text, schema, title, BODY_SOURCE);
}

/** Validates each part of a request against its route's zod schema; a failure is a CnsError. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  if (httpPart === 'body') {
    const parse = bodyParser(schema);
    return (body: unknown) => {
      try {
        return { value: parse(typeof body === 'string' ? body : '') };
      } catch (error) {
        return { error: error as Error };
      }
    };
  }
  const source = httpPart === 'querystring' ? 'query string' : (httpPart ?? 'request');
  return (data: unknown) => {
    try {
      return { value: parseWithSchema(schema, data ?? {}, source, 'request') };
    } catch (error) {
      return { error: error as Error };
    }
  };
};
