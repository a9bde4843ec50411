import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['45', 45_000],
    ['2m', 120_000],
    ['1.5h', 5_400_000],
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
});
