/**
 * @module At most N jobs at once, the rest waiting in arrival order. cnsd renders bundles through one:
 * a bundle is CPU work plus a compression buffer per file, so many at once are no faster than a few
 * and hold their memory together. A job whose request was abandoned while it waited never starts.
 */
import { CnsError } from '../core/shared/errors.js';

export interface ConcurrencyLimit {
  run<T>(job: () => Promise<T>, signal: AbortSignal): Promise<T>;
  /** Jobs running, and waiting. */
  readonly load: { readonly running: number; readonly waiting: number };
}

export function createConcurrencyLimit(limit: number): ConcurrencyLimit {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    running--;
    waiting.shift()?.();
  };
  return {
    async run(job, signal) {
      if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        if (signal.aborted) {
          throw signal.reason instanceof CnsError
            ? signal.reason
            : new CnsError('CANCELLED', 'abandoned while waiting for its turn');
        }
        return await job();
      } finally {
        release();
      }
    },
    get load() {
      return { running, waiting: waiting.length };
    },
  };
}
