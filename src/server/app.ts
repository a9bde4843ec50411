/**
 * @module buildApp: cnsd's HTTP application over the ports of the composition root, without a socket
 * (server/main.ts listens; tests use inject() or a loopback port). It wires what every route shares:
 * request ids (X-Request-Id taken when well-formed, else generated; echoed, and in every log line),
 * bodies read as documents, the one error answer, 404/405, rate limiting by client address, metrics,
 * the OpenAPI document from the routes' zod schemas, and refusing new requests while shutting down.
 */
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Ports } from '../actions/ports.js';
import type { Catalog } from '../core/recipe/catalog.js';
import { CnsError } from '../core/shared/errors.js';
import { toJson } from '../core/shared/serialize.js';
import { createConcurrencyLimit } from './concurrency-limit.js';
import type { AppConfig } from './config.js';
import { servedValues } from './criteria-allowlist.js';
import { answerUnmatched } from './unmatched.js';
import { acceptDocumentBodies, validatorCompiler } from './document-bodies.js';
import { errorReply } from './error-reply.js';
import { registerExplorerPages, type ExplorerFiles } from './explorer-pages.js';
import { JSON_TYPE } from './media-types.js';
import { createMetrics, type ServerMetrics } from './metrics.js';
import { createRecipeCache } from './recipe-cache.js';
import type { CachedRecipe } from './recipe-entry.js';
import { createRequestScope } from './request-scope.js';
import type { ApiApp, RouteContext } from './route-context.js';
import { registerBundleRoute } from './routes/bundle.js';
import { registerComponentsRoute } from './routes/components.js';
import { registerCriteriaRoute } from './routes/criteria.js';
import { registerDiffRoute } from './routes/diff.js';
import { registerOperationRoutes } from './routes/operations.js';
import { registerOverlaysRoute } from './routes/overlays.js';
import { registerQueryRoute } from './routes/query.js';
import { registerRecipeRoutes } from './routes/recipe.js';
import { registerValidateRoute } from './routes/validate.js';
import { registerValuesRoutes } from './routes/values.js';

export interface AppDeps {
  /** Built by composePorts without standard streams, so a `-` location is refused. */
  readonly ports: Ports;
  readonly toolVersion: string;
  /** A fresh id for a request that brings no well-formed X-Request-Id (randomUUID in main.ts). */
  readonly newRequestId: () => string;
  /** The built recipe explorer, served at `/` when given (main.ts reads dist/explorer). */
  readonly explorer?: ExplorerFiles | undefined;
}

export interface AppOptions {
  readonly config: AppConfig;
  /** Fastify's pino options (JSON lines); false for none. */
  readonly logger?: FastifyServerOptions['logger'];
}

/** Every API route, in the OpenAPI document's order (the explorer's hidden pages come after them). */
const ROUTES: readonly ((app: ApiApp, context: RouteContext) => void)[] = [
  registerRecipeRoutes,
  registerValuesRoutes,
  registerQueryRoute,
  registerValidateRoute,
  registerDiffRoute,
  registerBundleRoute,
  registerComponentsRoute,
  registerCriteriaRoute,
  registerOverlaysRoute,
  registerOperationRoutes,
];

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const UNLOGGED = new Set(['/healthz', '/readyz', '/metrics']);

export async function buildApp(deps: AppDeps, options: AppOptions): Promise<ApiApp> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : deps.newRequestId();
    },
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      // Probes and scrapes arrive every few seconds; their lines would drown the requests'.
      disableRequestLogging: (request) => UNLOGGED.has(request.url),
    }),
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    trustProxy: config.trustProxy,
    // Refused while closing with our own error answer (answerEveryRequest), not fastify's.
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();

  const metrics = createMetrics();
  const catalog = loadCatalogAtBoot(app, deps.ports);
  const unmatched = answerUnmatched(app);
  const closing = answerEveryRequest(app, metrics, unmatched);
  const context: RouteContext = {
    config,
    ports: deps.ports,
    toolVersion: deps.toolVersion,
    served: servedValues(config.allowlist),
    metrics,
    recipes: createRecipeCache<CachedRecipe>(config.recipeCacheSize),
    bundles: createConcurrencyLimit(config.bundleConcurrency),
    catalog: catalog.get,
    isReady: () => catalog.loaded() && !closing(),
    run: createRequestScope({
      ports: deps.ports,
      toolVersion: deps.toolVersion,
      requestTimeoutMs: config.requestTimeoutMs,
    }),
  };
  app.setValidatorCompiler(validatorCompiler);
  // Routes send text they rendered themselves; nothing is serialised from a response schema.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  acceptDocumentBodies(app, config.bodyLimitBytes);
  await registerPlugins(app, config, deps.toolVersion);
  for (const register of ROUTES) register(app, context);
  if (deps.explorer) registerExplorerPages(app, deps.explorer, unmatched);
  return app;
}

/**
 * The embedded catalog, loaded once; listening waits for it, so a started server is ready at once,
 * or stays unready and says why in the log.
 */
function loadCatalogAtBoot(app: ApiApp, ports: Ports) {
  let loaded = false;
  const catalog: Promise<Catalog> = ports.catalogLoader.load().then(
    (value) => {
      loaded = true;
      return value;
    },
    (error: unknown) => {
      app.log.error({ err: error }, 'the recipe data could not be loaded: /readyz answers 503');
      throw new CnsError('UNAVAILABLE', 'the recipe data could not be loaded; see the server log', {
        cause: error,
      });
    },
  );
  const settled = catalog.catch(() => undefined);
  app.addHook('onReady', async () => {
    await settled;
  });
  return { get: () => catalog, loaded: () => loaded };
}

/**
 * What happens to every request, whatever its route: the request id echoed, 404/405 before any body
 * is read, refusal once shutdown has begun, metrics, and the one error answer. Returns whether the
 * server is closing.
 */
function answerEveryRequest(
  app: ApiApp,
  metrics: ServerMetrics,
  unmatched: ReturnType<typeof answerUnmatched>,
): () => boolean {
  let closing = false;
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (request.routeOptions.url === undefined) return done(unmatched(request, reply));
    if (!closing) return done();
    reply.header('connection', 'close');
    done(new CnsError('UNAVAILABLE', 'cnsd is shutting down: send the request to another replica'));
  });
  // An answer finished while closing ends its connection, so the client does not keep it for the next.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.setErrorHandler((error, request, reply) => {
    const answer = errorReply(error, request.id);
    if (answer.internal !== undefined) {
      request.log.error({ err: answer.internal }, 'internal error');
    } else request.log.info({ code: answer.body.code }, answer.body.message);
    return reply.code(answer.status).type(JSON_TYPE).send(toJson(answer.body));
  });
  return () => closing;
}

/** Rate limiting by client address (routes opt out with `config.rateLimit: false`) and OpenAPI. */
async function registerPlugins(app: ApiApp, config: AppConfig, toolVersion: string): Promise<void> {
  if (config.rateLimit) {
    await app.register(rateLimit, {
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      keyGenerator: (request) => request.ip,
      errorResponseBuilder: (_request, limit) => {
        const retryAfterSeconds = Math.ceil(limit.ttl / 1000);
        return new CnsError(
          'RATE_LIMITED',
          `more than ${limit.max} requests in ${limit.after} from this client; retry after ${retryAfterSeconds} s`,
          { details: { limit: limit.max, retryAfterSeconds } },
        );
      },
    });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'cnsd',
        version: toolVersion,
        description:
          "cnsctl's engine over HTTP: recipes, values with their layers, queries, bundles, validation and diffs of GPU Kubernetes configuration (docs/api.md).",
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
}
