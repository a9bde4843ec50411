import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareAtPrecision,
  formatLooseVersion,
  parseLooseVersion,
  type LooseVersion,
} from './loose-version.js';

const parse = (text: string): LooseVersion => {
  const version = parseLooseVersion(text);
  if (!version) throw new Error(`not a version: ${text}`);
  return version;
};

describe('parseLooseVersion', () => {
  it.each([
    ['v1.34.1-eks-3025e55', [1, 34, 1], '-eks-3025e55'],
    ['1.30', [1, 30], ''],
    ['6.8.0-1043-aws', [6, 8, 0], '-1043-aws'],
    ['570.133.20', [570, 133, 20], ''],
    ['580.105.08', [580, 105, 8], ''],
    ['24.04', [24, 4], ''],
    ['12.8', [12, 8], ''],
    ['6.18.44-fc-v657-gpu', [6, 18, 44], '-fc-v657-gpu'],
    ['  v25.10.1 ', [25, 10, 1], ''],
    ['2', [2], ''],
  ])('reads %s as %j with suffix %j', (text, parts, suffix) => {
    expect(parseLooseVersion(text)).toMatchObject({ parts, suffix });
  });

  it.each(['', 'ubuntu', 'v', 'vx1', '.1', 'N/A'])('refuses %j', (text) => {
    expect(parseLooseVersion(text)).toBeUndefined();
  });
});

describe('compareAtPrecision', () => {
  it.each([
    ['v1.34.1-eks-3025e55', '1.30', 1],
    ['6.8.0-1043-aws', '6.8', 0],
    ['v1.30.14-eks-x', '1.31', -1],
    ['5.15.0-1050-aws', '6.8', -1],
    ['6.10.0', '6.8', 1],
    ['1.30', '1.30.1', -1],
    ['570.133.20', '570.133.20', 0],
    ['580.105.08', '580.105.8', 0],
    ['24.04', '24.04', 0],
    ['6.8.0-1043-aws', '6.8.0-1024-aws', 1],
  ])('%s against %s is %i', (actual, operand, sign) => {
    expect(Math.sign(compareAtPrecision(parse(actual), parse(operand)))).toBe(sign);
  });
});

const versionText = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.nat({ max: 2000 }), { minLength: 1, maxLength: 4 }),
    fc.constantFrom(
      '',
      '-eks-3025e55',
      '-1043-aws',
      '-1024-aws',
      '-rc1',
      '+build.7',
      '-gke.100',
      '-0',
    ),
  )
  .map(([v, parts, suffix]) => `${v ? 'v' : ''}${parts.join('.')}${suffix}`);
const version = versionText.map(parse);

describe('compareAtPrecision: suffixes, when the operand has one', () => {
  it.each([
    ['no suffix sorts before any suffix', '6.8.0', '6.8.0-1024-aws', -1],
    ['digit runs compare as numbers, not as text', '6.8.0-999-aws', '6.8.0-1024-aws', -1],
    ['a larger digit run is later', '6.8.0-1043-aws', '6.8.0-1024-aws', 1],
    [
      'the first digit run that differs decides, not later text',
      '6.8.0-1024-zz',
      '6.8.0-1043-aa',
      -1,
    ],
    ['leading zeros of a digit run do not change its value', '6.8.0-0099-aws', '6.8.0-100-aws', -1],
    ['many leading zeros do not either', '1.0.0-001-aws', '1.0.0-2-aws', -1],
    ['other runs compare as text', '1.30.0-aws', '1.30.0-azure', -1],
    ['text runs compare as text, not by length', '1.30.0-b', '1.30.0-aa', 1],
    ['text runs compare by code point, not by locale', '1.30.0-Zeta', '1.30.0-alpha', -1],
    ['the first run that differs decides', '1.30.0-b1', '1.30.0-a2', 1],
    ['a run is whole: "-a-" is a longer text run than "-a"', '1.0.0-a-2', '1.0.0-a10', 1],
    ['a suffix that continues another is later', '1.30.0-rc1.2', '1.30.0-rc1', 1],
    ['a suffix cut short is earlier', '1.30.0-rc', '1.30.0-rc1', -1],
    [
      'a suffix that continues another is later, whatever zeros it has',
      '1.0.0-rc1',
      '1.0.0-rc01.2',
      -1,
    ],
    ['runs of equal value spelt differently tie-break by text', '1.30.0-rc01', '1.30.0-rc1', -1],
    ['the same suffix is equal', 'v1.34.1-eks-3025e55', '1.34.1-eks-3025e55', 0],
    ['numbers still decide before suffixes', '1.35.0-a', '1.34.9-z', 1],
  ])('%s: %s against %s is %i', (_why, actual, operand, sign) => {
    expect(Math.sign(compareAtPrecision(parse(actual), parse(operand)))).toBe(sign);
    // Reversed, the measured value becomes the operand: its suffix counts only if it has one.
    const reversed = parse(actual).suffix === '' ? 0 : -sign || 0;
    expect(Math.sign(compareAtPrecision(parse(operand), parse(actual)))).toBe(reversed);
  });
});

describe('compareAtPrecision (properties)', () => {
  const tuple = fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 4 });
  const suffix = fc.constantFrom('', '-eks-1', '-9999-aws', '-zzz', '-0', '-1024-aws', '-rc1');

  /** The model: `actual` cut or padded with zeros to the operand's length, then compared in order. */
  const atPrecision = (actual: readonly number[], operand: readonly number[]): number => {
    for (let i = 0; i < operand.length; i++) {
      const diff = (actual[i] ?? 0) - (operand[i] ?? 0);
      if (diff !== 0) return Math.sign(diff);
    }
    return 0;
  };

  it('compares numbers like the model, whatever suffix the measured value has', () => {
    fc.assert(
      fc.property(tuple, tuple, suffix, fc.boolean(), (a, b, sa, v) => {
        const actual = parse(`${v ? 'v' : ''}${a.join('.')}${sa}`);
        expect(Math.sign(compareAtPrecision(actual, parse(b.join('.'))))).toBe(atPrecision(a, b));
      }),
    );
  });

  it('never lets a suffix change the order of different numbers', () => {
    fc.assert(
      fc.property(tuple, tuple, suffix, suffix, (a, b, sa, sb) => {
        fc.pre(atPrecision(a, b) !== 0);
        const order = compareAtPrecision(
          parse(`${a.join('.')}${sa}`),
          parse(`${b.join('.')}${sb}`),
        );
        expect(Math.sign(order)).toBe(atPrecision(a, b));
      }),
    );
  });

  it('is antisymmetric between versions of the same precision', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        fc.pre(a.parts.length === b.parts.length);
        const ab = Math.sign(compareAtPrecision(a, b));
        const ba = Math.sign(compareAtPrecision(b, a));
        expect(ab).toBe(-ba);
        if (ab === 0) expect(a.suffix).toBe(b.suffix);
      }),
    );
  });
});

describe('formatLooseVersion', () => {
  it('round-trips text through parse and format', () => {
    fc.assert(
      fc.property(versionText, (text) => {
        expect(formatLooseVersion(parse(text))).toBe(text);
        expect(parse(formatLooseVersion(parse(text)))).toEqual(parse(text));
      }),
    );
  });
});
