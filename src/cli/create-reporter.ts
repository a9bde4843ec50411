/**
 * @module Warnings and progress for humans (`warning: …` on stderr) or, with --log-json, one JSON
 * object per line (stderr-log.ts decides). Results never go through here.
 */
import type { Reporter } from '../actions/ports.js';
import type { StderrLog } from './stderr-log.js';

export function createReporter(log: StderrLog): Reporter {
  return {
    warn: (message) => log.log('warn', message),
    info: (message) => log.log('info', message),
  };
}
