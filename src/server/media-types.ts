/**
 * @module The formats cnsd answers in, and sending a rendered text as one of them. Documents are
 * JSON unless the Accept header asks for YAML (or, for validation, JUnit XML).
 */
export const JSON_TYPE = 'application/json';
export const YAML_TYPE = 'application/yaml';
export const XML_TYPE = 'application/xml';
export const ZIP_TYPE = 'application/zip';
export const GZIP_TYPE = 'application/gzip';

export const DOCUMENT_FORMATS = [JSON_TYPE, YAML_TYPE] as const;

/** The part of a reply sendText uses; a route's reply keeps its own type through it. */
interface TextReply<R> {
  type(contentType: string): R;
  send(payload?: unknown): R;
}

/** Sends text already rendered, so the framework serialises nothing twice. */
export function sendText<R extends TextReply<R>>(reply: R, mediaType: string, text: string): R {
  return reply.type(`${mediaType}; charset=utf-8`).send(text);
}
