/**
 * Starts cnsd's app in this process on a loopback port, with ports from the same composePorts as
 * server/main.ts (no standard streams) and the repository's data/ as the embedded catalog, so tests
 * talk real HTTP to what users run.
 */
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Ports } from '../../src/actions/ports.js';
import { composePorts } from '../../src/adapters/compose/compose-ports.js';
import { buildApp } from '../../src/server/app.js';
import { DEFAULTS, type AppConfig } from '../../src/server/config.js';
import type { ExplorerFiles } from '../../src/server/explorer-pages.js';
import type { ApiApp } from '../../src/server/route-context.js';
import { CNS_VERSION } from '../../src/version.js';
import { thisProcess } from '../compose/this-process.js';

/** The demo's clock, as the CLI tests fix it, so answers can be compared with cnsctl's output. */
export const SOURCE_DATE_EPOCH = '1768309558';

export const TEST_CONFIG: AppConfig = {
  bodyLimitBytes: DEFAULTS.bodyLimitBytes,
  requestTimeoutMs: DEFAULTS.requestTimeoutMs,
  rateLimit: false,
  recipeCacheSize: DEFAULTS.recipeCacheSize,
  bundleConcurrency: DEFAULTS.bundleConcurrency,
  allowlist: {},
  trustProxy: false,
};

export interface RunningServer {
  readonly app: ApiApp;
  readonly url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly config?: Partial<AppConfig>;
  readonly ports?: Partial<Ports>;
  /** Where JSON log lines go (level debug); none when absent. */
  readonly logStream?: Writable;
  /** The built explorer's files, served at `/` (none when absent, as cnsd run without a build). */
  readonly explorer?: ExplorerFiles | undefined;
}

export async function startCnsd(options: StartOptions = {}): Promise<RunningServer> {
  const ports = composePorts(thisProcess({ env: { SOURCE_DATE_EPOCH } }));
  const app = await buildApp(
    {
      ports: { ...ports, ...options.ports },
      toolVersion: CNS_VERSION,
      newRequestId: randomUUID,
      explorer: options.explorer,
    },
    {
      config: { ...TEST_CONFIG, ...options.config },
      logger: options.logStream ? { level: 'debug', stream: options.logStream } : false,
    },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
