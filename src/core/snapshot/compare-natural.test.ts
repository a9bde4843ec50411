import { describe, expect, it } from 'vitest';
import { compareNatural } from './compare-natural.js';

describe('compareNatural', () => {
  it.each([
    ['digit runs compare as numbers', ['gpu-10', 'gpu-2', 'gpu-1'], ['gpu-1', 'gpu-2', 'gpu-10']],
    ['text compares by code point', ['smi', 'driver', 'gpu-0'], ['driver', 'gpu-0', 'smi']],
    ['upper case sorts before lower case', ['b', 'B', 'a'], ['B', 'a', 'b']],
    ['a prefix sorts first', ['abc', 'ab', 'a'], ['a', 'ab', 'abc']],
    ['leading zeros do not change the value', ['x010', 'x9', 'x0009'], ['x0009', 'x9', 'x010']],
    [
      'long digit runs beyond 2^53 still order',
      ['n90071992547409930', 'n90071992547409920'],
      ['n90071992547409920', 'n90071992547409930'],
    ],
    [
      'sysctl paths order by segment',
      ['/proc/sys/vm/swappiness', '/proc/sys/kernel/pid_max', '/proc/sys/kernel/osrelease'],
      ['/proc/sys/kernel/osrelease', '/proc/sys/kernel/pid_max', '/proc/sys/vm/swappiness'],
    ],
  ])('%s', (_name, input, expected) => {
    expect([...input].sort(compareNatural)).toEqual(expected);
  });

  it('is a total order: equal only for identical strings', () => {
    expect(compareNatural('x01', 'x1')).not.toBe(0);
    expect(Math.sign(compareNatural('x01', 'x1'))).toBe(-Math.sign(compareNatural('x1', 'x01')));
    expect(compareNatural('same', 'same')).toBe(0);
  });
});
