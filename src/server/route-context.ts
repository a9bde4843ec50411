/**
 * @module What every route is given by buildApp: the app's settings, the catalog (loaded once at
 * boot), the recipe cache, the metrics, and how to run an action within a request.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ports } from '../actions/ports.js';
import type { Catalog } from '../core/recipe/catalog.js';
import type { CriteriaDimension } from '../core/recipe/criteria.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import type { AppConfig } from './config.js';
import type { ServerMetrics } from './metrics.js';
import type { CachedRecipe } from './recipe-entry.js';
import type { RecipeCache } from './recipe-cache.js';
import type { RunInRequest } from './request-scope.js';

/** The app as routes see it: request parts typed by their zod schemas. */
export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteContext {
  readonly config: AppConfig;
  readonly ports: Ports;
  readonly toolVersion: string;
  /** Each dimension's values as this server serves them (the allowlist applied). */
  readonly served: Readonly<Record<CriteriaDimension, readonly string[]>>;
  readonly metrics: ServerMetrics;
  readonly recipes: RecipeCache<CachedRecipe>;
  /** Bundles rendered at once (CNSD_BUNDLE_CONCURRENCY). */
  readonly bundles: ConcurrencyLimit;
  /** The embedded catalog; UNAVAILABLE when it could not be loaded at boot. */
  catalog(): Promise<Catalog>;
  /** Whether the catalog is loaded and the server is not shutting down. */
  isReady(): boolean;
  readonly run: RunInRequest;
}
