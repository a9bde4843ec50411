/**
 * @module What every command receives: injected streams, environment, clock, document store and
 * catalog loader, the run's AbortSignal, and a place to set a result exit code. Nothing here reads
 * `process` directly, so the CLI runs in-process in tests exactly as it does from the shell.
 */
import type { Clock, MonotonicTimer, Reporter } from '../actions/ports.js';
import type { DocumentStore, SchemeHandler } from '../adapters/documents/document-store.js';
import type { EmbeddedCatalog } from '../adapters/catalog/read-embedded-catalog.js';

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Replaceable parts: the composition root (main.ts) passes the real ones, tests pass their own. */
export interface CliDeps {
  readonly loadEmbeddedCatalog: () => Promise<EmbeddedCatalog>;
  readonly schemes?: Readonly<Record<string, SchemeHandler>>;
  readonly fetch?: typeof fetch;
  /** The wall clock; SOURCE_DATE_EPOCH overrides it. */
  readonly now?: () => Date;
  /** Times durations reported in results (performance by default). */
  readonly timer?: MonotonicTimer;
}

export interface GlobalFlags {
  readonly debug: boolean;
  readonly logJson: boolean;
}

export interface CliContext {
  readonly io: CliIo;
  readonly deps: CliDeps;
  readonly signal: AbortSignal;
  readonly documents: DocumentStore;
  readonly clock: Clock;
  readonly timer: MonotonicTimer;
  readonly reporter: Reporter;
  readonly globals: GlobalFlags;
  /** Commands set 1 when they ran and found failures (validation failed, drift found). */
  exitCode: number;
}
