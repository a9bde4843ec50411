import { describe, expect, it } from 'vitest';
import { parseKernelCmdline } from './parse-kernel-cmdline.js';

describe('parseKernelCmdline', () => {
  it('reads an Ubuntu EKS command line with flags and values', () => {
    const line =
      'BOOT_IMAGE=/vmlinuz-6.8.0-1043-aws root=PARTUUID=5f6a ro console=tty1 console=ttyS0 nvme_core.io_timeout=4294967295 panic=-1 quiet\n';
    expect(parseKernelCmdline(line)).toEqual({
      BOOT_IMAGE: '/vmlinuz-6.8.0-1043-aws',
      root: 'PARTUUID=5f6a',
      ro: '',
      console: 'tty1 ttyS0',
      'nvme_core.io_timeout': '4294967295',
      panic: '-1',
      quiet: '',
    });
  });

  it.each([
    ['a bare flag maps to the empty string', 'quiet splash', { quiet: '', splash: '' }],
    [
      'a quoted value keeps its spaces',
      'dyndbg="file foo.c +p" ro',
      { dyndbg: 'file foo.c +p', ro: '' },
    ],
    ['a fully quoted parameter is unquoted', '"acpi=off noapic"', { acpi: 'off noapic' }],
    ['an empty value stays empty', 'init= ro', { init: '', ro: '' }],
    ['only the first = splits key from value', 'root=UUID=abcd', { root: 'UUID=abcd' }],
    ['arguments for init after -- are left out', 'ro -- --init-flag x=1', { ro: '' }],
    ['tabs and newlines separate tokens', 'a=1\tb=2\n', { a: '1', b: '2' }],
    ['an empty command line has no parameters', '  \n', {}],
  ])('%s', (_name, text, expected) => {
    expect(parseKernelCmdline(text)).toEqual(expected);
  });
});
