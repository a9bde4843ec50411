import { describe, expect, it } from 'vitest';
import { parseDriverVersion } from './parse-driver-version.js';

describe('parseDriverVersion', () => {
  it.each([
    [
      'the open kernel modules of a 580 driver',
      'NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.159.04  Release Build  (dvs-builder@U22-I3-AF03-09-1)  Thu Oct  9 19:21:57 UTC 2025\nGCC version:  gcc version 13.3.0 (Ubuntu 13.3.0-6ubuntu2~24.04) \n',
      {
        version: '580.159.04',
        kernelModule: 'open',
        arch: 'x86_64',
        gcc: '13.3.0 (Ubuntu 13.3.0-6ubuntu2~24.04)',
      },
    ],
    [
      'the proprietary modules of a 570 driver',
      'NVRM version: NVIDIA UNIX x86_64 Kernel Module  570.133.20  Fri Feb 28 03:00:55 UTC 2025\nGCC version:  gcc version 11.4.0 (Ubuntu 11.4.0-1ubuntu1~22.04) \n',
      {
        version: '570.133.20',
        kernelModule: 'proprietary',
        arch: 'x86_64',
        gcc: '11.4.0 (Ubuntu 11.4.0-1ubuntu1~22.04)',
      },
    ],
    [
      'an arm64 Grace driver without a GCC line',
      'NVRM version: NVIDIA UNIX Open Kernel Module for aarch64  580.82.07  Release Build  (dvs-builder@U16-I3-B03-4-3)  Sat Aug 19 01:13:15 UTC 2025\n',
      { version: '580.82.07', kernelModule: 'open', arch: 'aarch64' },
    ],
  ])('reads %s', (_name, text, expected) => {
    expect(parseDriverVersion(text)).toEqual(expected);
  });

  it.each([
    ['an empty file', ''],
    ['a file of another driver', 'Some other module 1.2.3\n'],
  ])('returns undefined for %s', (_name, text) => {
    expect(parseDriverVersion(text)).toBeUndefined();
  });
});
