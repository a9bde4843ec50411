/**
 * @module The recipe explorer's pages, from the files cnsd read at start-up: `/` and any page a browser
 * asks for that no API route serves (a view's deep link, `/values?...`) get index.html, never cached
 * without revalidation; `/assets/…` get their content-hashed file, cached for a year. A request that is
 * not a browser's page load (no text/html in Accept) or under /v1 is answered as before: 404 or 405.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CnsError } from '../core/shared/errors.js';
import type { ApiApp } from './route-context.js';

/** File bytes by path relative to the explorer folder (`index.html`, `assets/main-….js`). */
export type ExplorerFiles = ReadonlyMap<string, Uint8Array>;

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const PAGE_LOAD = /(^|,)\s*text\/html\s*(;|,|$)/;
const API_PREFIXES = ['/v1/', '/openapi.json', '/healthz', '/readyz', '/metrics', '/assets/'];

type Unmatched = (request: FastifyRequest, reply: FastifyReply) => CnsError;

export function registerExplorerPages(
  app: ApiApp,
  files: ExplorerFiles,
  unmatched: Unmatched,
): void {
  const index = files.get('index.html');
  if (index === undefined) return;
  const send = (reply: FastifyReply, path: string, body: Uint8Array, cache: string) =>
    reply
      .type(TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream')
      .header('cache-control', cache)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(body));
  const page = (_request: FastifyRequest, reply: FastifyReply) =>
    send(reply, 'index.html', index, REVALIDATE);

  app.get('/', { schema: { hide: true } }, page);
  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    { schema: { hide: true } },
    (request, reply) => {
      const path = `assets/${request.params.name}`;
      const body = files.get(path);
      if (body === undefined) {
        throw new CnsError('NOT_FOUND', `no such file: /${path}; reload the page`, {
          details: { path: `/${path}` },
        });
      }
      return send(reply, path, body, IMMUTABLE);
    },
  );
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '/';
    const pageLoad = PAGE_LOAD.test(request.headers.accept ?? '');
    if (!pageLoad || API_PREFIXES.some((prefix) => path.startsWith(prefix)))
      throw unmatched(request, reply);
    return page(request, reply);
  });
}
