import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelValue } from './kube-labels.js';

// Kubernetes' own rule for a label value (apimachinery's validation.IsValidLabelValue).
const VALID_LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

describe('labelValue', () => {
  it.each([
    ['keeps a value that is already valid', '0.1.0', '0.1.0'],
    ['keeps every allowed character inside', 'a-b_c.D9', 'a-b_c.D9'],
    ['turns each other character into _', '0.1.0+build/7 x', '0.1.0_build_7_x'],
    ['trims what is not alphanumeric at the start', '-_.v1', 'v1'],
    ['trims what is not alphanumeric at the end', 'v1.-_', 'v1'],
    ['trims replaced characters at both ends too', '+v1+', 'v1'],
    ['cuts to 63 characters', 'a'.repeat(70), 'a'.repeat(63)],
    ['cuts first, then trims what the cut left at the end', `${'a'.repeat(62)}.b`, 'a'.repeat(62)],
    ['gives nothing for text with no letter or digit', '+/-', ''],
  ])('%s: %j becomes %j', (_rule, text, value) => {
    expect(labelValue(text)).toBe(value);
  });

  it('always gives a value Kubernetes accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100, unit: 'binary' }), (text) => {
        const value = labelValue(text);
        expect(value.length).toBeLessThanOrEqual(63);
        expect(value).toMatch(VALID_LABEL_VALUE);
      }),
    );
  });
});
