/**
 * @module The machine's own time sources behind the time ports: the wall clock, a monotonic timer
 * for durations, and timeout signals.
 */
import type { MonotonicTimer, Timeouts } from '../../actions/ports.js';

export const wallClock = (): Date => new Date();

export const systemTimer: MonotonicTimer = { now: () => performance.now() };

export const systemTimeouts: Timeouts = { signal: (ms) => AbortSignal.timeout(ms) };
