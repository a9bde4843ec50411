/**
 * @module The answers each route declares in /openapi.json: its result in the formats it offers, and
 * the error statuses it can give, each with the one error schema.
 */
import { z } from 'zod';
import { errorSchema } from './api-schemas.js';
import { JSON_TYPE, YAML_TYPE } from './media-types.js';

const ERROR_MEANINGS: Readonly<Record<number, string>> = {
  400: 'malformed or invalid input; `details.path` names the field at fault',
  404: 'no such path (or selected value)',
  406: 'the Accept header allows none of the formats offered',
  413: 'the body is over the size limit',
  415: 'the body is not JSON or YAML',
  429: 'too many requests from this client; see Retry-After',
  500: 'a bug: the log has the details under the request id',
  503: 'not ready, or shutting down',
  504: 'the request ran past its time limit',
};

/** Statuses any route can answer with. */
const EVERY_ROUTE = [406, 429, 500, 503, 504] as const;
/** Statuses of routes that read a body. */
export const BODY_ERRORS = [400, 413, 415] as const;

export function errorResponses(...statuses: readonly number[]) {
  return Object.fromEntries(
    [...new Set([...statuses, ...EVERY_ROUTE])].sort().map((status) => [
      status,
      {
        description: ERROR_MEANINGS[status] ?? 'error',
        content: { [JSON_TYPE]: { schema: errorSchema } },
      },
    ]),
  );
}

/** A 200 answer as JSON (the given schema) or as YAML text of the same document. */
export function documentResponse(description: string, schema: z.ZodType, extra = {}) {
  return {
    200: {
      description,
      content: {
        [JSON_TYPE]: { schema },
        [YAML_TYPE]: { schema: z.string() },
        ...extra,
      },
    },
  };
}
