import { describe, expect, it } from 'vitest';
import { isCnsError } from './errors.js';
import { parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['45', 45_000],
    ['2m', 120_000],
    ['1.5h', 5_400_000],
    ['1.25s', 1_250],
    [' 2s ', 2_000],
    ['1ms', 1],
    ['10m', 600_000],
  ])('reads %s', (value, ms) => {
    expect(parseDuration(value, '--timeout', 24 * 3_600_000)).toBe(ms);
  });

  it.each(['soon', '0s', '-1s', '1d', ''])('refuses %s, naming the flag and the limit', (value) => {
    expect(() => parseDuration(value, '--timeout', 600_000)).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        message: expect.stringMatching(/^--timeout must be a duration .*at most 10m/),
      }),
    );
  });

  it('refuses what is over the limit', () => {
    expect(() => parseDuration('11m', '--timeout', 600_000)).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
  });

  it.each([
    ['at most the limit, in hours', 2 * 3_600_000, '2h'],
    ['at most the limit, in minutes', 90 * 60_000, '90m'],
    ['at most the limit, in seconds', 90_500, '90.5s'],
  ])('says %s, and keeps the value under the flag name in the details', (_case, maxMs, max) => {
    let error: unknown;
    try {
      parseDuration('soon', '--wait-timeout', maxMs);
    } catch (thrown) {
      error = thrown;
    }
    expect(isCnsError(error) && [error.code, error.message, error.details]).toEqual([
      'USAGE',
      `--wait-timeout must be a duration such as 30s, 500ms or 2m (at most ${max}), got "soon"`,
      { 'wait-timeout': 'soon' },
    ]);
  });

  it.each([
    ['the limit itself', '10m', 600_000],
    ['one millisecond over it', '600001ms', undefined],
    ['one millisecond', '1ms', 1],
    ['under one millisecond', '0.4ms', undefined],
  ])('draws the line at %s', (_case, value, ms) => {
    const read = () => parseDuration(value, '--timeout', 600_000);
    if (ms === undefined) expect(read).toThrow(expect.objectContaining({ code: 'USAGE' }));
    else expect(read()).toBe(ms);
  });
});
