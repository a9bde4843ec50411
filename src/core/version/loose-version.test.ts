import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareAtPrecision,
  compareVersions,
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

describe('compareVersions (properties)', () => {
  it('is antisymmetric: a <= b and b <= a only when a and b are the same version', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const ab = Math.sign(compareVersions(a, b));
        const ba = Math.sign(compareVersions(b, a));
        expect(ab).toBe(-ba);
        if (ab === 0)
          expect({ parts: a.parts, suffix: a.suffix }).toEqual({
            parts: b.parts,
            suffix: b.suffix,
          });
      }),
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        const sorted = [a, b, c].sort(compareVersions);
        expect(compareVersions(sorted[0]!, sorted[2]!)).toBeLessThanOrEqual(0);
        expect(compareVersions(sorted[0]!, sorted[1]!)).toBeLessThanOrEqual(0);
        expect(compareVersions(sorted[1]!, sorted[2]!)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('never lets a suffix change the order of different numeric parts', () => {
    const suffix = fc.constantFrom('', '-eks-1', '-9999-aws', '-zzz', '-0');
    fc.assert(
      fc.property(version, version, suffix, suffix, (a, b, sa, sb) => {
        const plain = compareAtPrecision(a, { ...b, suffix: '' });
        fc.pre(plain !== 0 && a.parts.length === b.parts.length);
        const withSuffixes = compareVersions({ ...a, suffix: sa }, { ...b, suffix: sb });
        expect(Math.sign(withSuffixes)).toBe(Math.sign(plain));
      }),
    );
  });

  it('round-trips text through parse and format', () => {
    fc.assert(
      fc.property(versionText, (text) => {
        expect(formatLooseVersion(parse(text))).toBe(text);
        expect(parse(formatLooseVersion(parse(text)))).toEqual(parse(text));
      }),
    );
  });
});
