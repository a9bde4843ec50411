import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCnsError } from '../shared/errors.js';
import { globToRegExp } from './glob-to-regexp.js';

describe('globToRegExp', () => {
  it.each([
    ['SystemD.*.MainPID', 'SystemD.containerd.service.MainPID', true],
    ['SystemD.*.MainPID', 'SystemD.containerd.service.ExecMainPID', false],
    ['SystemD.*MainPID', 'SystemD.containerd.service.ExecMainPID', true],
    ['OS.sysctl./proc/sys/kernel/random/*', 'OS.sysctl./proc/sys/kernel/random/boot_id', true],
    ['OS.sysctl./proc/sys/kernel/random/*', 'OS.sysctl./proc/sys/kernel/randomize_va_space', false],
    ['OS.*', 'OS.sysctl./proc/sys/net/ipv4/conf/eth0.100/rp_filter', true],
    ['OS.*', 'GPU.smi.driver', false],
    ['GPU.smi.driver', 'GPU.smi.driver', true],
    ['GPU.smi.driver', 'GPU.smi.driver-version', false],
    ['GPU.smi.driver', 'GPUxsmi.driver', false],
    ['gpu.smi.driver', 'GPU.smi.driver', false],
    ['GPU.device.?.uuid', 'GPU.device.3.uuid', true],
    ['GPU.device.?.uuid', 'GPU.device.12.uuid', false],
    ['GPU.device.[0-3].uuid', 'GPU.device.2.uuid', true],
    ['GPU.device.[!0-3].uuid', 'GPU.device.2.uuid', false],
    ['GPU.device.[!0-3].uuid', 'GPU.device.7.uuid', true],
    ['K8s.image.[]]x', 'K8s.image.]x', true],
    ['K8s.policy.a\\*b', 'K8s.policy.a*b', true],
    ['K8s.policy.a\\*b', 'K8s.policy.axxb', false],
    ['**', 'anything.at.all/with/slashes', true],
    ['OS.grub.(x)+$', 'OS.grub.(x)+$', true],
  ])('%s matches %s: %s', (pattern, key, expected) => {
    expect(globToRegExp(pattern).test(key)).toBe(expected);
  });

  it.each([['OS.[abc'], ['OS.x\\'], ['[!]']])('refuses %j with USAGE', (pattern) => {
    try {
      globToRegExp(pattern);
      expect.unreachable();
    } catch (error) {
      expect(isCnsError(error) && error.code).toBe('USAGE');
      expect(isCnsError(error) && error.details.pattern).toBe(pattern);
    }
  });

  it('matches a key written without wildcards only to itself (property)', () => {
    const literal = fc.string({
      unit: fc.constantFrom('a', '.', '/', '-', '(', '+', '$', '^', '|', '{'),
    });
    fc.assert(
      fc.property(literal, literal, (pattern, key) => {
        expect(globToRegExp(pattern).test(key)).toBe(pattern === key);
      }),
    );
  });

  it('matches any key with a lone star and any key starting with a prefix with prefix* (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (prefix, rest) => {
        const escaped = prefix.replace(/[*?[\\]/g, '\\$&');
        expect(globToRegExp(`${escaped}*`).test(prefix + rest)).toBe(true);
        expect(globToRegExp('*').test(rest)).toBe(true);
      }),
    );
  });
});
