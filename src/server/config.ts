/**
 * @module cnsd's settings from its command line and environment (flags win over variables, variables
 * over defaults), checked before anything starts: a bad value is a USAGE error naming the flag or
 * variable and what it accepts. Pure: server/main.ts hands in argv and the environment.
 */
import { parseArgs } from 'node:util';
import {
  CRITERIA_DIMENSIONS,
  DIMENSION_NAMES,
  type CriteriaDimension,
} from '../core/recipe/criteria.js';
import { CnsError } from '../core/shared/errors.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Criteria values a server accepts, per dimension; a dimension left out accepts all of its values. */
export type CriteriaAllowlist = Readonly<Partial<Record<CriteriaDimension, readonly string[]>>>;

/** What buildApp needs: limits, the cache and the allowlist; no address, no process. */
export interface AppConfig {
  /** Largest request body, in bytes (413 above it). */
  readonly bodyLimitBytes: number;
  /** Time for a request to arrive and be answered, in milliseconds (504 past it). */
  readonly requestTimeoutMs: number;
  /** Requests per client address per window; health, readiness and metrics are exempt. */
  readonly rateLimit: { readonly max: number; readonly windowMs: number } | false;
  /** Recipes kept, by criteria (least recently used leave first). */
  readonly recipeCacheSize: number;
  /** Bundles rendered at once; more wait their turn (each holds a compression buffer per file). */
  readonly bundleConcurrency: number;
  readonly allowlist: CriteriaAllowlist;
  /** Take the client address from X-Forwarded-For (behind a proxy or ingress). */
  readonly trustProxy: boolean;
}

export interface ServerConfig extends AppConfig {
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** How long in-flight requests may take to finish after SIGTERM. */
  readonly shutdownGraceMs: number;
}

export type ServerCommand =
  | { readonly kind: 'serve'; readonly config: ServerConfig }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' };

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  logLevel: 'info',
  bodyLimitBytes: 16 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
  recipeCacheSize: 256,
  bundleConcurrency: 2,
  shutdownGraceMs: 10_000,
} as const;

/** The environment variable of each dimension's allowlist, e.g. CNSD_ALLOWED_SERVICE=eks,gke. */
export const allowlistVariable = (dimension: CriteriaDimension): string =>
  `CNSD_ALLOWED_${dimension.toUpperCase()}`;

export const USAGE = `Usage: cnsd [--port <port>] [--host <address>] [--log-level <level>]

Serves cnsctl's engine over HTTP: recipes, queries, bundles, validation and diffs under /v1,
/healthz, /readyz, /metrics and /openapi.json. Logs are JSON lines on stdout.

Options:
  --port <port>        port to listen on (env CNSD_PORT, default ${DEFAULTS.port}; 0 picks a free one)
  --host <address>     address to listen on (env CNSD_HOST, default ${DEFAULTS.host}; 0.0.0.0 in a pod)
  --log-level <level>  ${LOG_LEVELS.join(', ')} (env CNSD_LOG_LEVEL, default ${DEFAULTS.logLevel})
  -h, --help           show this help
  -v, --version        print the version

Environment (limits):
  CNSD_BODY_LIMIT_BYTES      largest request body (default ${DEFAULTS.bodyLimitBytes})
  CNSD_REQUEST_TIMEOUT_MS    time to receive and answer a request (default ${DEFAULTS.requestTimeoutMs})
  CNSD_RATE_LIMIT_MAX        requests per client address per window, 0 = no limit (default ${DEFAULTS.rateLimitMax})
  CNSD_RATE_LIMIT_WINDOW_MS  the rate limit's window (default ${DEFAULTS.rateLimitWindowMs})
  CNSD_RECIPE_CACHE_SIZE     recipes kept by criteria (default ${DEFAULTS.recipeCacheSize})
  CNSD_BUNDLE_CONCURRENCY    bundles rendered at once, the rest wait (default ${DEFAULTS.bundleConcurrency})
  CNSD_SHUTDOWN_GRACE_MS     time in-flight requests get after SIGTERM (default ${DEFAULTS.shutdownGraceMs})
  CNSD_TRUST_PROXY           true: client address from X-Forwarded-For (default false)
  ${DIMENSION_NAMES.map(allowlistVariable).join(', ')}
                             comma lists of the only criteria values served (default: all)
`;

type Env = Readonly<Record<string, string | undefined>>;

/** One setting as read: the flag or variable it came from, and its text. */
interface Setting {
  readonly name: string;
  readonly value?: string;
}

/**
 * Reads the command line and environment.
 * @throws CnsError USAGE naming the flag or variable at fault.
 */
export function parseServerCommand(argv: readonly string[], env: Env): ServerCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (error) {
    throw new CnsError('USAGE', `${(error as Error).message}; see cnsd --help`, { cause: error });
  }
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  /** A variable's value, named as the user set it; absent when unset or empty. */
  const variable = (name: string): Setting => {
    const value = env[name];
    return value === undefined || value === '' ? { name } : { name, value };
  };
  /** A flag wins over its variable. */
  const setting = (flag: string, name: string): Setting => {
    const fromFlag = values[flag];
    return typeof fromFlag === 'string' ? { name: `--${flag}`, value: fromFlag } : variable(name);
  };
  const rateLimitMax = integer(variable('CNSD_RATE_LIMIT_MAX'), DEFAULTS.rateLimitMax, 0);
  return {
    kind: 'serve',
    config: {
      host: setting('host', 'CNSD_HOST').value ?? DEFAULTS.host,
      port: integer(setting('port', 'CNSD_PORT'), DEFAULTS.port, 0, 65_535),
      logLevel: oneOf(setting('log-level', 'CNSD_LOG_LEVEL'), LOG_LEVELS, DEFAULTS.logLevel),
      bodyLimitBytes: integer(variable('CNSD_BODY_LIMIT_BYTES'), DEFAULTS.bodyLimitBytes, 1),
      requestTimeoutMs: integer(variable('CNSD_REQUEST_TIMEOUT_MS'), DEFAULTS.requestTimeoutMs, 1),
      rateLimit:
        rateLimitMax === 0
          ? false
          : {
              max: rateLimitMax,
              windowMs: integer(
                variable('CNSD_RATE_LIMIT_WINDOW_MS'),
                DEFAULTS.rateLimitWindowMs,
                1,
              ),
            },
      recipeCacheSize: integer(variable('CNSD_RECIPE_CACHE_SIZE'), DEFAULTS.recipeCacheSize, 0),
      bundleConcurrency: integer(
        variable('CNSD_BUNDLE_CONCURRENCY'),
        DEFAULTS.bundleConcurrency,
        1,
      ),
      shutdownGraceMs: integer(variable('CNSD_SHUTDOWN_GRACE_MS'), DEFAULTS.shutdownGraceMs, 0),
      trustProxy: oneOf(variable('CNSD_TRUST_PROXY'), ['true', 'false'], 'false') === 'true',
      allowlist: readAllowlist(env),
    },
  };
}

function integer(
  { name, value }: Setting,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
    throw new CnsError(
      'USAGE',
      `${name} ${JSON.stringify(value)}: expected a whole number from ${min} to ${max}`,
      { details: { setting: name, value } },
    );
  }
  return number;
}

function oneOf<T extends string>({ name, value }: Setting, accepted: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((accepted as readonly string[]).includes(value)) return value as T;
  throw new CnsError(
    'USAGE',
    `${name} ${JSON.stringify(value)}: expected one of ${accepted.join(', ')}`,
    { details: { setting: name, value, accepted } },
  );
}

function readAllowlist(env: Env): CriteriaAllowlist {
  const allowlist: Partial<Record<CriteriaDimension, readonly string[]>> = {};
  for (const dimension of DIMENSION_NAMES) {
    const name = allowlistVariable(dimension);
    const text = env[name];
    if (text === undefined || text.trim() === '') continue;
    const values = [...new Set(text.split(',').map((v) => v.trim().toLowerCase()))].filter(
      (v) => v !== '',
    );
    const accepted: readonly string[] = CRITERIA_DIMENSIONS[dimension];
    const unknown = values.filter((v) => !accepted.includes(v));
    if (unknown.length > 0) {
      throw new CnsError(
        'USAGE',
        `${name}: unknown ${dimension} ${unknown.map((v) => `"${v}"`).join(', ')}; accepted values are ${accepted.join(', ')}`,
        { details: { setting: name, unknown, accepted } },
      );
    }
    allowlist[dimension] = values;
  }
  return allowlist;
}
