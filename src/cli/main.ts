/**
 * @module The cnsctl process entry and composition root: the only file that reads `process`. It
 * describes this process to composePorts (which builds every port, shared with the server), guards
 * the real streams, decides how interrupts end the run, and sets process.exitCode rather than
 * exiting, so pending output is flushed.
 *
 * Interrupts (docs/architecture.md, "Interrupts"): SIGINT, SIGTERM and SIGHUP keep their default
 * action, ending the process at once, except while work that must undo itself is pending
 * (DeferInterrupts: an atomic write's temp file, host commands' process groups). Only then are
 * handlers installed: the signal aborts the run, the work cleans up, and the process then ends by the
 * same signal, so its parent sees "killed by SIGINT" (exit status 130 in a shell, 143 for SIGTERM)
 * either way. A second signal during cleanup ends it at once.
 */
import type { DeferInterrupts, KubeSelection } from '../actions/ports.js';
import { readEmbeddedCatalog } from '../adapters/catalog/read-embedded-catalog.js';
import { composePorts } from '../adapters/compose/compose-ports.js';
import { guardStandardStreams } from '../adapters/documents/standard-streams.js';
import { reportError } from './report-error.js';
import { runCli } from './run-cli.js';
import { createStderrLog } from './stderr-log.js';

const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Interrupt = (typeof INTERRUPTS)[number];

/** Handlers only while some work is pending; the received signal re-raised once it has settled. */
function interruptHandling(controller: AbortController): DeferInterrupts {
  let pending = 0;
  let received: Interrupt | undefined;
  const onSignal = (signal: Interrupt): void => {
    received = signal;
    stopListening();
    controller.abort(new DOMException(`interrupted by ${signal}`, 'AbortError'));
  };
  const stopListening = (): void => {
    for (const signal of INTERRUPTS) process.removeListener(signal, onSignal);
  };
  return async (work) => {
    if (pending++ === 0 && received === undefined) {
      for (const signal of INTERRUPTS) process.on(signal, onSignal);
    }
    try {
      return await work();
    } finally {
      if (--pending === 0) {
        stopListening();
        // With no listener left the default action applies: the process ends by this signal now.
        if (received !== undefined) process.kill(process.pid, received);
      }
    }
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const controller = new AbortController();
  const deferInterrupts = interruptHandling(controller);
  const streams = guardStandardStreams({
    openStdin: () => process.stdin,
    stdout: process.stdout,
  });
  // Nothing can be reported about stderr itself (closed, or /dev/full): its errors are dropped.
  process.stderr.on('error', () => undefined);
  let crashed = false;
  process.on('uncaughtException', (error) => {
    crashed = true;
    const globals = { debug: argv.includes('--debug'), logJson: argv.includes('--log-json') };
    const log = createStderrLog(
      process.stderr,
      () => globals.logJson,
      () => new Date(),
    );
    process.exitCode = reportError(error, log, globals);
  });
  const catalogFile = new URL('./catalog.json', import.meta.url);
  // Composed once the global flags are parsed: --kubeconfig and --context choose the cluster.
  const portsForRun = (kube: KubeSelection) =>
    composePorts({
      env: process.env,
      processId: process.pid,
      userId: process.getuid?.(),
      killProcessGroup: (groupId, signal) => process.kill(-groupId, signal),
      loadEmbeddedCatalog: () => readEmbeddedCatalog(catalogFile.pathname),
      stdio: streams,
      deferInterrupts,
      kube,
    });
  const io = {
    stdout: streams.stdout,
    stderr: process.stderr,
    env: process.env,
    runtime: { node: process.versions.node, platform: `${process.platform}/${process.arch}` },
    onProcessWarning: (listener: (warning: Error) => void) => {
      process.removeAllListeners('warning');
      process.on('warning', listener);
    },
  };
  void runCli(argv, io, portsForRun, controller.signal).then((code) => {
    if (!crashed) process.exitCode = code;
    // What the run abandoned (the other read of a pair that failed, a download no one awaits any
    // more) is cancelled, so it cannot keep the process alive after the answer is out.
    controller.abort(new DOMException('the run has ended', 'AbortError'));
  });
}

main();
