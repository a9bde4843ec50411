import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './format-duration.js';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [-5, '0s'],
    [1, '1ns'],
    [999, '999ns'],
    [1_000, '1µs'],
    [11_500, '11.5µs'],
    [11_523.4, '11.523µs'],
    [1_234_567, '1.234567ms'],
    [20_000_000, '20ms'],
    [1_500_000_000, '1.5s'],
    [63_500_000_000, '1m3.5s'],
    [3_600_000_000_000, '1h0m0s'],
    [3_723_000_000_001, '1h2m3.000000001s'],
  ])('writes %d ns as %s, as Go does', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });
});

describe('parseDuration', () => {
  it.each([
    ['11.5µs', 11.5e-6],
    ['11.5us', 11.5e-6],
    ['1m3.5s', 63.5],
    ['2h', 7200],
    ['0', 0],
    ['fast', undefined],
    ['1.5', undefined],
    ['', undefined],
  ])('reads %j as %s seconds', (text, seconds) => {
    const parsed = parseDuration(text);
    if (seconds === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toBeCloseTo(seconds, 12);
  });

  it('reads back what formatDuration writes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 3600 * 1e9 }), (ns) => {
        expect((parseDuration(formatDuration(ns)) ?? NaN) * 1e9).toBeCloseTo(ns, -1);
      }),
    );
  });
});
