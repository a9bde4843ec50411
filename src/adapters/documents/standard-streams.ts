/**
 * @module The process's standard input and output as the location `-` uses them, with the failures a
 * terminal's streams meet turned into what they mean: a reader that closed the pipe early
 * (`cnsctl recipe | head`, EPIPE) is the reader's choice, so output stops quietly; a full disk or
 * `/dev/full` (ENOSPC), or any other write error, becomes a CnsError naming standard output, never an
 * uncaught exception.
 */
import type { CnsError } from '../../core/shared/errors.js';
import { errnoOf, toFsError } from '../fs-errors.js';
import type { StandardStreams } from './document-store.js';

/** The parts of Node's process.stdin and process.stdout used here. */
export interface ProcessStandardStreams {
  /** Standard input, opened only when `-` is read (process.stdin is created on first access). */
  readonly openStdin: () => AsyncIterable<Uint8Array>;
  readonly stdout: {
    write(text: string, callback: (error?: Error | null) => void): unknown;
    on(event: 'error', listener: (error: Error) => void): unknown;
    readonly isTTY?: boolean;
  };
}

/** Standard output for text the CLI writes itself (help, completion scripts); never throws. */
export interface GuardedStdout {
  write(text: string): void;
  readonly isTTY?: boolean;
  /**
   * Waits until every write so far has been handed to the system (a write error arrives a tick
   * later), then gives the first failure that no writeStdout promise has reported, if any.
   */
  finish(): Promise<CnsError | undefined>;
}

export interface GuardedStandardStreams extends StandardStreams {
  readonly stdout: GuardedStdout;
}

const STDOUT_NAME = 'standard output';

export function guardStandardStreams({
  openStdin,
  stdout,
}: ProcessStandardStreams): GuardedStandardStreams {
  let readerGone = false;
  let failure: CnsError | undefined;
  let failureReported = false;
  /** Records `error`; returns the CnsError to report, or undefined when the reader left (EPIPE). */
  const note = (error: unknown): CnsError | undefined => {
    if (errnoOf(error) === 'EPIPE') {
      readerGone = true;
      return undefined;
    }
    failure ??= toFsError(error, STDOUT_NAME, 'write');
    return failure;
  };
  // Without a listener a stream error is an uncaught exception; every error is noted instead.
  stdout.on('error', note);
  const inFlight = new Set<Promise<void>>();
  const send = (text: string, done: (error?: Error | null) => void): void => {
    let settle = (): void => undefined;
    const written = new Promise<void>((resolve) => (settle = resolve));
    inFlight.add(written);
    const callback = (error?: Error | null): void => {
      inFlight.delete(written);
      settle();
      done(error);
    };
    try {
      stdout.write(text, callback);
    } catch (error) {
      callback(error as Error);
    }
  };
  return {
    openStdin,
    writeStdout: (text) =>
      new Promise<void>((resolve, reject) => {
        if (readerGone) return resolve();
        if (failure) {
          failureReported = true;
          return reject(failure);
        }
        send(text, (error) => {
          const reported = error ? note(error) : undefined;
          if (reported === undefined) return resolve();
          failureReported = true;
          reject(reported);
        });
      }),
    stdout: {
      write: (text) => {
        if (!readerGone && failure === undefined) send(text, (error) => error && note(error));
      },
      ...(stdout.isTTY === undefined ? {} : { isTTY: stdout.isTTY }),
      finish: async () => {
        while (inFlight.size > 0) await Promise.all(inFlight);
        return failureReported ? undefined : failure;
      },
    },
  };
}
