/**
 * @module The explorer's calls to cnsd's API (the same origin that served the page). A failed call
 * becomes an ApiError carrying the API's own message, code and request id, which the page shows as
 * they are; a call that never reached the server says so.
 */
import type { ValuesTrace } from '../actions/recipe/trace-recipe-values.js';
import type { OverlayListing } from '../core/recipe/list-overlays.js';
import type { RecipeResult } from '../core/recipe/recipe-result.js';
import type { ValidationResult } from '../core/validate/validation-result.js';
import { markAnswered } from './perf.js';
import { BUNDLE_LIST_FLAGS, criteriaQuery, type BundleChoice, type Criteria } from './route.js';

export type { OverlayListing, RecipeResult, ValidationResult, ValuesTrace };

export interface CriteriaValues {
  readonly criteria: Readonly<Record<string, readonly string[]>>;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** A document as dropped on the page: its text and whether it reads as JSON. */
export interface DroppedDocument {
  readonly name: string;
  readonly text: string;
}

const JSON_TYPE = 'application/json';

export function documentType(text: string): string {
  return /^\s*[{[]/.test(text) ? JSON_TYPE : 'application/yaml';
}

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: JSON_TYPE, ...(init.headers as Record<string, string> | undefined) },
    });
  } catch (error) {
    throw new ApiError(
      `cnsd did not answer (${error instanceof Error ? error.message : String(error)}); is it still running?`,
      0,
      'UNREACHABLE',
    );
  }
  if (response.ok) return response;
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const text = await response.text();
  let body: { code?: unknown; message?: unknown; requestId?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not the API's error document (a proxy's page, say): its status line is all there is.
  }
  throw new ApiError(
    typeof body.message === 'string' ? body.message : `${response.status} ${response.statusText}`,
    response.status,
    typeof body.code === 'string' ? body.code : 'HTTP_' + String(response.status),
    typeof body.requestId === 'string' ? body.requestId : requestId,
  );
}

async function json<T>(path: string, init?: RequestInit, answered?: () => void): Promise<T> {
  const text = await (await call(path, init)).text();
  answered?.();
  return JSON.parse(text) as T;
}

const post = (body: string, type: string): RequestInit => ({
  method: 'POST',
  body,
  headers: { 'content-type': type },
});

/** Bundle options as the API's query parameters (the flags' names in camelCase). */
export function bundleQuery(choice: BundleChoice, params = new URLSearchParams()): URLSearchParams {
  for (const flag of BUNDLE_LIST_FLAGS) {
    const name = flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    for (const value of choice.lists[flag]) params.append(name, value);
  }
  return params;
}

const withQuery = (path: string, params: URLSearchParams) =>
  params.size > 0 ? `${path}?${params.toString()}` : path;

export const api = {
  criteria: () => json<CriteriaValues>('/v1/criteria'),
  overlays: () => json<{ overlays: OverlayListing[] }>('/v1/overlays'),
  recipe: (criteria: Criteria) =>
    json<RecipeResult>(withQuery('/v1/recipe', criteriaQuery(criteria)), undefined, markAnswered),
  values: (criteria: Criteria, bundle?: BundleChoice) =>
    json<ValuesTrace>(
      withQuery(
        '/v1/values',
        bundle ? bundleQuery(bundle, criteriaQuery(criteria)) : criteriaQuery(criteria),
      ),
    ),
  recipeFromSnapshot: (snapshot: DroppedDocument, criteria: Criteria) =>
    json<RecipeResult>(
      withQuery('/v1/recipe', criteriaQuery(criteria)),
      post(snapshot.text, documentType(snapshot.text)),
      markAnswered,
    ),
  valuesFromSnapshot: (snapshot: DroppedDocument, criteria: Criteria) =>
    json<ValuesTrace>(
      withQuery('/v1/values', criteriaQuery(criteria)),
      post(snapshot.text, documentType(snapshot.text)),
    ),
  validate: async (recipe: RecipeResult, snapshot: DroppedDocument) =>
    json<ValidationResult>(
      '/v1/validate',
      post(JSON.stringify({ recipe, snapshot: await readDropped(snapshot) }), JSON_TYPE),
    ),
  /** The bundle zip for a recipe, and the file name the server gives it. */
  bundle: async (recipe: RecipeResult, choice: BundleChoice) => {
    const params = bundleQuery(choice, new URLSearchParams({ deployer: choice.deployer }));
    const response = await call(withQuery('/v1/bundle', params), {
      method: 'POST',
      body: JSON.stringify(recipe),
      headers: { 'content-type': JSON_TYPE, accept: 'application/zip' },
    });
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'cns-bundle.zip';
    return { blob: await response.blob(), name };
  },
};

/**
 * A dropped document as data, for the JSON of /v1/validate's `{recipe, snapshot}`. Called once the
 * server has read the same text (and refused what it must: alias bombs, duplicate keys, depth), so the
 * browser's YAML reader, loaded only when a YAML file is dropped, sees a vetted document.
 */
export async function readDropped(document: DroppedDocument): Promise<unknown> {
  if (documentType(document.text) === JSON_TYPE) return JSON.parse(document.text) as unknown;
  const { load } = await import('js-yaml');
  return load(document.text);
}
