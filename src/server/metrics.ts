/**
 * @module What cnsd counts, in Prometheus text at /metrics: requests and their durations by route and
 * status, recipes built, cache hits and misses, bundle sizes, and the process's own figures (memory,
 * CPU, event-loop lag). One registry per app, so two apps in one process (tests) never share counts.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface ServerMetrics {
  readonly registry: Registry;
  /** Records one answered request; `route` is the route's pattern, never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  recipeBuilt(): void;
  recipeCache(hit: boolean): void;
  bundleBytes(bytes: number): void;
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cnsd_' });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'cnsd_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'cnsd_http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its answer, by method, route pattern and status',
    labelNames,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const recipesBuilt = new Counter({
    name: 'cnsd_recipes_built_total',
    help: 'Recipes built (cache misses and recipes from snapshots)',
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'cnsd_recipe_cache_lookups_total',
    help: 'Recipe cache lookups by criteria, by result (hit or miss)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const bundleSizes = new Histogram({
    name: 'cnsd_bundle_size_bytes',
    help: 'Size of the bundle archives served',
    buckets: [4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216],
    registers: [registry],
  });
  // Both results exist from the start, so a rate over hits is defined before the first hit.
  cacheLookups.inc({ result: 'hit' }, 0);
  cacheLookups.inc({ result: 'miss' }, 0);
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      durations.observe(labels, seconds);
    },
    recipeBuilt: () => recipesBuilt.inc(),
    recipeCache: (hit) => cacheLookups.inc({ result: hit ? 'hit' : 'miss' }),
    bundleBytes: (bytes) => bundleSizes.observe(bytes),
  };
}
