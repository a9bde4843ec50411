/**
 * @module Runs collectors concurrently, each under its own timeout, and turns each outcome into data:
 * `ok`, `unavailable` (the source is absent or unreadable here, with why) or `failed` (reading it broke or
 * ran out of time, with why). Nothing a collector does fails the run; only the caller's cancel does.
 */
import { CnsError } from '../../core/shared/errors.js';
import type {
  CollectorStatusValue,
  SnapshotSubtype,
} from '../../core/snapshot/snapshot-document.js';
import type { MonotonicTimer, Timeouts } from '../ports.js';
import {
  isAbsence,
  reasonOf,
  type Collector,
  type CollectorPorts,
  type MissingPart,
} from './collector.js';

/** What one collector produced and how it ended. */
export interface CollectorRun {
  readonly collector: Collector;
  readonly status: CollectorStatusValue;
  readonly reason?: string;
  readonly subtypes: readonly SnapshotSubtype[];
  readonly missing: readonly MissingPart[];
  /** Wall time, for --debug logs only: it never enters a document. */
  readonly elapsedMs: number;
}

export interface RunCollectorsOptions {
  /** Each collector's own time limit. */
  readonly timeoutMs: number;
  /** The caller's cancel (Ctrl-C); aborting it rejects with CANCELLED. */
  readonly signal?: AbortSignal;
}

/** The collectors' ports, and the time sources that limit and time each collector. */
export interface RunCollectorsDeps extends CollectorPorts {
  readonly timer: MonotonicTimer;
  readonly timeouts: Timeouts;
}

/** Runs every collector at once and returns their runs in the order given. */
export async function runCollectors(
  collectors: readonly Collector[],
  deps: RunCollectorsDeps,
  options: RunCollectorsOptions,
): Promise<CollectorRun[]> {
  const runs = await Promise.all(collectors.map((c) => runOne(c, deps, options)));
  if (options.signal?.aborted) {
    throw new CnsError('CANCELLED', 'the snapshot was cancelled', { cause: options.signal.reason });
  }
  return runs;
}

async function runOne(
  collector: Collector,
  deps: RunCollectorsDeps,
  { timeoutMs, signal }: RunCollectorsOptions,
): Promise<CollectorRun> {
  const timeout = deps.timeouts.signal(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const started = deps.timer.now();
  const done = (run: Omit<CollectorRun, 'collector' | 'elapsedMs'>): CollectorRun => ({
    collector,
    elapsedMs: deps.timer.now() - started,
    ...run,
  });
  try {
    const output = await untilAborted(collector.collect(deps, combined), combined);
    if (output.subtypes.length === 0) {
      const reason =
        output.missing.map((m) => `${m.part}: ${m.reason}`).join('; ') || 'it found nothing';
      return done({ status: 'unavailable', reason, subtypes: [], missing: [] });
    }
    return done({ status: 'ok', subtypes: output.subtypes, missing: output.missing });
  } catch (error) {
    if (signal?.aborted)
      return done({ status: 'failed', reason: 'cancelled', subtypes: [], missing: [] });
    if (timeout.aborted) {
      const reason = `did not finish within ${formatSeconds(timeoutMs)}`;
      return done({ status: 'failed', reason, subtypes: [], missing: [] });
    }
    const status = isAbsence(error) ? 'unavailable' : 'failed';
    return done({ status, reason: reasonOf(error), subtypes: [], missing: [] });
  }
}

/** Settles with `work`, or rejects as soon as `signal` aborts: a collector stuck in I/O cannot hold the run. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
