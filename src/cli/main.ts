/**
 * @module The cnsctl process entry and composition root: the only file that reads `process`. It
 * describes this process to composePorts (which builds every port, shared with the server), wires
 * the real streams and Ctrl-C to an AbortSignal, and sets process.exitCode rather than exiting, so
 * pending output is flushed and cleanup runs.
 */
import { readEmbeddedCatalog } from '../adapters/catalog/read-embedded-catalog.js';
import { composePorts } from '../adapters/compose/compose-ports.js';
import { CnsError } from '../core/shared/errors.js';
import { runCli } from './run-cli.js';

const INTERRUPTED_EXIT_CODE = 130;

function readStdin(signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onAbort = (): void => {
      // An open stdin keeps the process alive; Ctrl-C must end a run that waits for input.
      process.stdin.destroy();
      reject(new CnsError('CANCELLED', 'interrupted while reading standard input'));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    process.stdin.on('error', reject);
  });
}

function main(): void {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    process.stderr.write('\ninterrupted: cleaning up (press Ctrl-C again to force)\n');
    controller.abort(new DOMException('interrupted', 'AbortError'));
    process.exitCode = INTERRUPTED_EXIT_CODE;
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onInterrupt);
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  // `cnsctl recipe | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const catalogFile = new URL('./catalog.json', import.meta.url);
  const ports = composePorts({
    env: process.env,
    processId: process.pid,
    userId: process.getuid?.(),
    killProcessGroup: (groupId, signal) => process.kill(-groupId, signal),
    loadEmbeddedCatalog: () => readEmbeddedCatalog(catalogFile.pathname),
    stdio: {
      readStdin: () => readStdin(controller.signal),
      writeStdout: (text) => {
        process.stdout.write(text);
        return Promise.resolve();
      },
    },
  });
  const io = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    runtime: { node: process.versions.node, platform: `${process.platform}/${process.arch}` },
  };
  runCli(process.argv.slice(2), io, ports, controller.signal)
    .then((code) => {
      process.exitCode = controller.signal.aborted ? INTERRUPTED_EXIT_CODE : code;
    })
    .finally(() => {
      process.removeListener('SIGINT', onInterrupt);
      process.removeListener('SIGTERM', onInterrupt);
    })
    .catch(() => {
      process.exitCode = 8;
    });
}

main();
