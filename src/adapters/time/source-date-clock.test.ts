import { describe, expect, it } from 'vitest';
import { isCnsError } from '../../core/shared/errors.js';
import { sourceDateClock, sourceDateEpoch } from './source-date-clock.js';

const wall = new Date('2026-11-26T10:00:00Z');
const clockFor = (epoch: string | undefined) =>
  sourceDateClock({ SOURCE_DATE_EPOCH: epoch }, () => new Date(wall));

describe('sourceDateClock', () => {
  it.each([
    ['unset, it is the wall clock', undefined, wall.toISOString()],
    ['empty, it is the wall clock', '', wall.toISOString()],
    ['set, it is that second', '1768309558', '2026-01-13T13:05:58.000Z'],
  ])('when SOURCE_DATE_EPOCH is %s', (_name, epoch, expected) => {
    expect(clockFor(epoch).now().toISOString()).toBe(expected);
  });

  it('hands out copies, so a caller changing its date cannot move the clock', () => {
    const clock = clockFor('0');
    clock.now().setFullYear(2000);
    expect(clock.now().toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });

  it('fails with USAGE, naming the variable, when the time of a malformed value is read', () => {
    const clock = clockFor('yesterday');
    try {
      clock.now();
      expect.unreachable();
    } catch (error) {
      expect(isCnsError(error) && error.code).toBe('USAGE');
      expect(isCnsError(error) && error.details).toEqual({ SOURCE_DATE_EPOCH: 'yesterday' });
    }
  });
});

describe('sourceDateEpoch', () => {
  it.each([
    ['unset', undefined, undefined],
    ['empty', '', undefined],
    ['set', '1768309558', '2026-01-13T13:05:58.000Z'],
  ])('is the date of SOURCE_DATE_EPOCH when %s, never the wall clock', (_name, epoch, expected) => {
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: epoch })?.toISOString()).toBe(expected);
  });

  it('fails with USAGE on a malformed value', () => {
    expect(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: '1.5' })).toThrow(/whole seconds/);
  });
});
