/**
 * @module What every command receives: the terminal (streams, environment, the runtime's name), what
 * actions are handed (the ports the composition root built, the reporter, the run's AbortSignal, the
 * tool version), the global flags, and a place to set a result exit code. Nothing here reads
 * `process`, so the CLI runs in-process in tests exactly as it does from the shell.
 */
import type { ActionDeps } from '../actions/ports.js';
import type { StderrLog } from './stderr-log.js';

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /**
   * Waits for what was written to be handed to the system; resolves to a write failure (a full
   * disk) that nothing has reported yet, which the run then reports as its error.
   */
  readonly finish?: () => Promise<unknown>;
}

/** The runtime cnsctl runs on, for `cnsctl version`. */
export interface RuntimeInfo {
  readonly node: string;
  /** `os/arch`, e.g. `linux/x64`. */
  readonly platform: string;
}

/** The terminal side of a run: what only the CLI has. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** The user's environment: NO_COLOR, NODE_NAME. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly runtime: RuntimeInfo;
  /** Hands the runtime's own warnings (deprecations) to `listener` instead of printing them. */
  readonly onProcessWarning?: (listener: (warning: Error) => void) => void;
}

export interface GlobalFlags {
  readonly debug: boolean;
  readonly logJson: boolean;
}

export interface CliContext {
  readonly io: CliIo;
  /** Passed to actions as it is; each action takes the part it declares. */
  readonly deps: ActionDeps;
  readonly globals: GlobalFlags;
  /** Where everything for stderr goes (text, or JSON lines with --log-json). */
  readonly log: StderrLog;
  /** Commands set 1 when they ran and found failures (validation failed, drift found). */
  exitCode: number;
}
