/**
 * @module The interfaces actions need from the world. Adapters implement them; cli/main.ts and the
 * server's composition root build them and pass them in, so actions are tested with real fixtures
 * behind the same contracts.
 */

/** The clock, passed in so documents are reproducible (SOURCE_DATE_EPOCH, tests). */
export interface Clock {
  now(): Date;
}

/** Where warnings and progress go (stderr in the CLI); never results. */
export interface Reporter {
  warn(message: string): void;
  info(message: string): void;
}

/** Reads files of the host being described, resolved under the host root (`--host-root`, default `/`). */
export interface HostFiles {
  /** The root every path is resolved under, e.g. `/` or `/host`. */
  readonly root: string;
  /** Reads a file by its host path (e.g. `/etc/os-release`). Throws CnsError NOT_FOUND / FORBIDDEN. */
  readText(path: string, options?: { readonly maxBytes?: number }): Promise<string>;
  /** Lists a directory by its host path. Throws CnsError NOT_FOUND / FORBIDDEN. */
  list(path: string): Promise<readonly HostDirEntry[]>;
}

export interface HostDirEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'other';
}

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs host commands so they see the host, not a container around us. */
export interface CommandRunner {
  /** Throws CnsError NOT_FOUND when the program is absent, TIMEOUT past timeoutMs, CANCELLED on abort. */
  run(
    program: string,
    args: readonly string[],
    options: { readonly timeoutMs: number; readonly signal?: AbortSignal },
  ): Promise<CommandResult>;
}
