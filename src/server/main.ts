/**
 * @module The cnsd process entry and composition root: the only file of the server that reads
 * `process`. It reads the command line and environment, builds the ports with the same composePorts
 * as cnsctl (without standard streams, so a `-` location is refused), listens, and on SIGTERM or
 * SIGINT stops accepting connections, finishes the requests in flight (within
 * CNSD_SHUTDOWN_GRACE_MS) and exits. Logs are JSON lines on stdout.
 */
import { randomUUID } from 'node:crypto';
import closeWithGrace from 'close-with-grace';
import { fileURLToPath } from 'node:url';
import { readEmbeddedCatalog } from '../adapters/catalog/read-embedded-catalog.js';
import { readExplorerAssets } from '../adapters/explorer/read-explorer-assets.js';
import { composePorts } from '../adapters/compose/compose-ports.js';
import { exitCodeFor } from '../core/shared/error-status.js';
import { CnsError, toCnsError } from '../core/shared/errors.js';
import { CNS_VERSION } from '../version.js';
import { buildApp } from './app.js';
import { parseServerCommand, USAGE, type ServerConfig } from './config.js';

async function serve(config: ServerConfig): Promise<void> {
  const catalogFile = new URL('./catalog.json', import.meta.url);
  const ports = composePorts({
    env: process.env,
    processId: process.pid,
    userId: process.getuid?.(),
    killProcessGroup: (groupId, signal) => process.kill(-groupId, signal),
    loadEmbeddedCatalog: () => readEmbeddedCatalog(catalogFile.pathname),
  });
  const explorer = await readExplorerAssets(fileURLToPath(new URL('./explorer/', import.meta.url)));
  const app = await buildApp(
    { ports, toolVersion: CNS_VERSION, newRequestId: randomUUID, explorer },
    { config, logger: { level: config.logLevel } },
  );
  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CnsError(
      'UNAVAILABLE',
      `cannot listen on ${config.host}:${config.port} (${reason}); choose another --port or --host`,
      { cause: error },
    );
  }
  // Logs are JSON on stdout; this line is for the person who started cnsd, so it goes to stderr.
  if (explorer) process.stderr.write(`cnsd: recipe explorer at ${address}/\n`);
  // Installed once listening: close-with-grace also ends the process on beforeExit, which would turn a
  // failed start into exit 0.
  closeWithGrace(
    { delay: config.shutdownGraceMs, logger: { error: (message) => app.log.error(message) } },
    async ({ signal, err }) => {
      if (err) app.log.error({ err }, 'closing after an unexpected error');
      else app.log.info({ signal }, 'shutting down: finishing requests in flight');
      await app.close();
    },
  );
}

function main(): void {
  let command;
  try {
    command = parseServerCommand(process.argv.slice(2), process.env);
  } catch (error) {
    const cnsError = toCnsError(error);
    process.stderr.write(`error: ${cnsError.message}\n`);
    process.exitCode = exitCodeFor(cnsError.code);
    return;
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command.kind === 'version') {
    process.stdout.write(`cnsd ${CNS_VERSION}\n`);
    return;
  }
  serve(command.config).catch((error: unknown) => {
    const cnsError = toCnsError(error);
    process.stderr.write(`error: ${cnsError.message}\n`);
    process.exitCode = exitCodeFor(cnsError.code);
  });
}

main();
