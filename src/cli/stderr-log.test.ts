/**
 * With --log-json every line on stderr is a JSON object with a time and a level, whoever wrote it:
 * warnings, errors, commander's own usage errors, the bug hint, --debug details. Without it, text for
 * people, with control characters from documents shown as escapes.
 */
import { describe, expect, it } from 'vitest';
import { cnsctl, DEMO_CRITERIA_FLAGS } from '../../test/cli/run-cli-in-process.js';
import { CnsError } from '../core/shared/errors.js';
import { reportError } from './report-error.js';
import { createStderrLog } from './stderr-log.js';

function jsonLines(stderr: string): Record<string, unknown>[] {
  const lines = stderr.split('\n').filter((line) => line !== '');
  expect(lines.length).toBeGreaterThan(0);
  return lines.map((line) => {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(new Date(String(parsed.time)).toISOString()).toBe(parsed.time);
    expect(['error', 'warn', 'info']).toContain(parsed.level);
    expect(typeof parsed.msg).toBe('string');
    return parsed;
  });
}

describe('--log-json', () => {
  it.each([
    ['an unknown option (commander’s own error)', ['recipe', '--bogus'], 2],
    ['an unknown command', ['nope'], 2],
    ['a missing option value', ['recipe', '--service'], 2],
    ['a value outside the choices', ['recipe', '--service', 'ekss'], 2],
    ['a repeated flag', ['recipe', '--service', 'eks', '--service', 'gke'], 2],
    ['a missing required option', ['validate', '--recipe', 'r.yaml'], 2],
    ['a missing file', ['recipe', '--snapshot', '/nonexistent/s.yaml'], 3],
    [
      'warnings and progress',
      ['recipe', '--snapshot', 'test/validate/fixtures/h100-snapshot.yaml'],
      0,
    ],
  ])('makes every stderr line of %s a JSON object with a time', async (_name, argv, code) => {
    const run = await cnsctl(['--log-json', ...argv]);
    expect(run.code).toBe(code);
    const lines = jsonLines(run.stderr);
    if (code !== 0) expect(lines.at(-1)).toMatchObject({ level: 'error' });
  });

  it('gives an error its code and details', async () => {
    const run = await cnsctl(['--log-json', 'recipe', ...DEMO_CRITERIA_FLAGS, '--service', 'gke']);
    expect(jsonLines(run.stderr)).toEqual([
      expect.objectContaining({
        level: 'error',
        code: 'USAGE',
        msg: '--service given twice ("eks", then "gke"); it takes one value, give it once',
        details: { option: '--service', values: ['eks', 'gke'] },
      }),
    ]);
  });
});

describe('reportError', () => {
  const capture = (logJson: boolean) => {
    let text = '';
    const log = createStderrLog(
      { write: (chunk: string) => (text += chunk) },
      () => logJson,
      () => new Date('2026-01-13T13:05:58.000Z'),
    );
    return { log, text: () => text };
  };

  it('puts the bug hint and, with --debug, the causes into the one JSON object', () => {
    const { log, text } = capture(true);
    const code = reportError(new TypeError('x is not a function'), log, {
      debug: true,
      logJson: true,
    });
    expect(code).toBe(8);
    const [line] = jsonLines(text());
    expect(line).toMatchObject({
      time: '2026-01-13T13:05:58.000Z',
      level: 'error',
      code: 'INTERNAL',
      msg: 'x is not a function',
      hint: expect.stringContaining('This is a bug in cnsctl'),
      causes: [
        expect.stringContaining('CnsError: x is not a function'),
        expect.stringContaining('TypeError'),
      ],
    });
  });

  it('shows the control characters of a message as escapes on a terminal', () => {
    const { log, text } = capture(false);
    reportError(new CnsError('USAGE', 'bad value "\u001b]0;owned\u0007"'), log, {
      debug: false,
      logJson: false,
    });
    expect(text()).toBe('error: bad value "\\x1b]0;owned\\x07"\n');
  });
});
