import { describe, expect, it } from 'vitest';
import { bundleFormatOf } from './bundle-format.js';

describe('bundleFormatOf', () => {
  it.each([
    ['out', 'directory'],
    ['out.zip', 'zip'],
    ['OUT.ZIP', 'zip'],
    ['out.tar.gz', 'tar.gz'],
    ['out.tgz', 'tar.gz'],
    ['out.tar', 'directory'],
  ])('names %s a %s', (name, format) => {
    expect(bundleFormatOf(name)).toBe(format);
  });
});
