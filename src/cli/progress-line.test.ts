import { describe, expect, it } from 'vitest';
import { createProgressLine } from './progress-line.js';

const recorder = (isTTY: boolean) => {
  let text = '';
  const messages: string[] = [];
  return {
    stderr: { isTTY, write: (t: string) => (text += t) },
    reporter: {
      warn: (m: string) => messages.push(`warn ${m}`),
      info: (m: string) => messages.push(`info ${m}`),
    },
    text: () => text,
    messages,
  };
};

describe('createProgressLine', () => {
  it('rewrites one line on a terminal, clearing it around other messages', () => {
    const io = recorder(true);
    const progress = createProgressLine(io.stderr, false);
    const reporter = progress.around({
      warn: (m) => io.stderr.write(`warning: ${m}\n`),
      info: (m) => io.stderr.write(`${m}\n`),
    });
    progress.show('agent: scheduled');
    progress.show('agent: running');
    reporter.warn('something');
    progress.end();
    expect(io.text()).toBe(
      'agent: scheduled\r\u001b[Kagent: running\r\u001b[Kwarning: something\nagent: running\n',
    );
  });

  it('prints each change as a line elsewhere (a pipe, --log-json)', () => {
    for (const [isTTY, logJson] of [
      [false, false],
      [true, true],
    ] as const) {
      const io = recorder(isTTY);
      const progress = createProgressLine(io.stderr, logJson);
      progress.around(io.reporter);
      progress.show('agent: scheduled');
      progress.show('agent: running');
      progress.end();
      expect(io.messages).toEqual(['info agent: scheduled', 'info agent: running']);
      expect(io.text()).toBe('');
    }
  });
});
