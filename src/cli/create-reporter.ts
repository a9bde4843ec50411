/**
 * @module Warnings and progress for humans (`warning: …` on stderr) or, with --log-json, one JSON
 * object per line for log collectors. Results never go through here.
 */
import type { Reporter } from '../actions/ports.js';
import type { GlobalFlags, OutputStream } from './cli-context.js';

export function createReporter(
  stderr: OutputStream,
  globals: () => GlobalFlags,
  now: () => Date,
): Reporter {
  const emit = (level: 'warn' | 'info' | 'debug', message: string) => {
    if (globals().logJson) {
      stderr.write(`${JSON.stringify({ time: now().toISOString(), level, msg: message })}\n`);
    } else if (level === 'warn') {
      stderr.write(`warning: ${message}\n`);
    } else {
      stderr.write(`${message}\n`);
    }
  };
  return {
    warn: (message) => emit('warn', message),
    info: (message) => emit('info', message),
  };
}
