/**
 * @module Everything cnsctl writes to stderr goes through here: warnings, progress and errors for
 * people (`warning: …`, `error: …`, with control characters from documents shown as escapes), or,
 * with --log-json, exactly one JSON object per line, each with its time and level, for log
 * collectors. Text that commander formats itself (usage errors, help on a mistake) passes through
 * the same door, so no line escapes the JSON format.
 */
import type { OutputStream } from './cli-context.js';
import { neutraliseControls } from './format/terminal-text.js';

export type LogLevel = 'error' | 'warn' | 'info';

export type LogFields = Readonly<Record<string, unknown>>;

export interface StderrLog {
  /** One message: a line (or lines) for people, or one JSON object with `fields`. */
  log(level: LogLevel, message: string, fields?: LogFields): void;
  /** Text formatted for people by someone else (commander): as it is, or one error object. */
  passThrough(text: string): void;
}

const PREFIX: Readonly<Record<LogLevel, string>> = {
  error: 'error: ',
  warn: 'warning: ',
  info: '',
};

export function createStderrLog(
  stderr: OutputStream,
  logJson: () => boolean,
  now: () => Date,
): StderrLog {
  const json = (level: LogLevel, message: string, fields: LogFields = {}) =>
    stderr.write(
      `${JSON.stringify({ time: now().toISOString(), level, msg: message, ...fields })}\n`,
    );
  return {
    log(level, message, fields) {
      if (logJson()) json(level, message, fields);
      else stderr.write(`${PREFIX[level]}${neutraliseControls(message, { keepNewlines: true })}\n`);
    },
    passThrough(text) {
      if (!logJson()) {
        stderr.write(text);
        return;
      }
      const message = text.trimEnd().replace(/^error: /, '');
      if (message !== '') json('error', message, { code: 'USAGE' });
    },
  };
}
