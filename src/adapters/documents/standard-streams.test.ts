import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardStandardStreams } from './standard-streams.js';

/** A stdout whose writes fail with `errno` (after the first `okWrites`), the way Node reports it. */
function failingStdout(errno: string | undefined, okWrites = 0) {
  const events = new EventEmitter();
  const written: string[] = [];
  return {
    written,
    stream: {
      on: (event: 'error', listener: (error: Error) => void) => events.on(event, listener),
      write(text: string, callback: (error?: Error | null) => void) {
        if (errno === undefined || written.length < okWrites) {
          written.push(text);
          process.nextTick(callback);
          return true;
        }
        const error = Object.assign(new Error(`${errno}: failed, write`), { code: errno });
        process.nextTick(() => {
          callback(error);
          events.emit('error', error);
        });
        return false;
      },
    },
  };
}

const noStdin = () => (async function* () {})();

describe('guardStandardStreams', () => {
  it('writes results to stdout', async () => {
    const stdout = failingStdout(undefined);
    const streams = guardStandardStreams({ openStdin: noStdin, stdout: stdout.stream });
    await streams.writeStdout('kind: recipeResult\n');
    expect(stdout.written).toEqual(['kind: recipeResult\n']);
    expect(await streams.stdout.finish()).toBeUndefined();
  });

  it('stops quietly when the reader closed the pipe (EPIPE), dropping what follows', async () => {
    const stdout = failingStdout('EPIPE', 1);
    const streams = guardStandardStreams({ openStdin: noStdin, stdout: stdout.stream });
    await streams.writeStdout('first\n');
    await streams.writeStdout('second\n');
    await streams.writeStdout('third\n');
    streams.stdout.write('help text\n');
    expect(stdout.written).toEqual(['first\n']);
    expect(await streams.stdout.finish()).toBeUndefined();
  });

  it('fails a result written to a full disk with an error naming standard output', async () => {
    const stdout = failingStdout('ENOSPC');
    const streams = guardStandardStreams({ openStdin: noStdin, stdout: stdout.stream });
    await expect(streams.writeStdout('x')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'standard output: no space left on device',
    });
    // Reported once, by the command that wrote it; the end of the run has nothing more to say.
    expect(await streams.stdout.finish()).toBeUndefined();
  });

  it('keeps the failure of text the CLI writes itself (help) for the end of the run', async () => {
    const stdout = failingStdout('ENOSPC');
    const streams = guardStandardStreams({ openStdin: noStdin, stdout: stdout.stream });
    streams.stdout.write('Usage: cnsctl ...\n');
    expect(await streams.stdout.finish()).toMatchObject({ code: 'UNAVAILABLE' });
  });
});
