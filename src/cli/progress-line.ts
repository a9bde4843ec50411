/**
 * @module Progress of long waits (the snapshot agents) on stderr: on a terminal, one line rewritten in
 * place, cleared around any other message so warnings never land inside it; elsewhere (a log, a
 * pipe, --log-json), each change as a line of its own.
 */
import type { Reporter } from '../actions/ports.js';
import type { OutputStream } from './cli-context.js';

export interface ProgressLine {
  /** Shows `line` as the current progress. */
  readonly show: (line: string) => void;
  /** Wraps a reporter so its messages clear the progress line first and redraw it after. */
  around(reporter: Reporter): Reporter;
  /** Ends the line (a terminal's cursor moves past it). */
  end(): void;
}

export function createProgressLine(stderr: OutputStream, logJson: boolean): ProgressLine {
  const live = stderr.isTTY === true && !logJson;
  let current = '';
  let reporter: Reporter | undefined;
  const clear = (): void => {
    if (live && current !== '') stderr.write('\r\u001b[K');
  };
  const draw = (): void => {
    if (live && current !== '') stderr.write(current);
  };
  return {
    show: (line) => {
      if (!live) {
        reporter?.info(line);
        return;
      }
      clear();
      current = line;
      draw();
    },
    around(inner) {
      const wrap =
        (emit: (message: string) => void) =>
        (message: string): void => {
          clear();
          emit(message);
          draw();
        };
      reporter = inner;
      return { warn: wrap((m) => inner.warn(m)), info: wrap((m) => inner.info(m)) };
    },
    end() {
      if (live && current !== '') stderr.write('\n');
      current = '';
    },
  };
}
