import { describe, expect, it } from 'vitest';
import { buildKeyFilter } from './build-key-filter.js';
import { globToRegExp } from './glob-to-regexp.js';
import { VOLATILE_KEY_PATTERNS } from './volatile-keys.js';

describe('buildKeyFilter', () => {
  it.each([
    'metadata.timestamp',
    'metadata.source-node',
    'metadata.version',
    'OS.sysctl./proc/sys/kernel/hostname',
    'OS.sysctl./proc/sys/kernel/random/boot_id',
    'OS.sysctl./proc/sys/kernel/random/entropy_avail',
    'OS.sysctl./proc/sys/fs/dentry-state',
    'OS.sysctl./proc/sys/fs/file-nr',
    'OS.sysctl./proc/sys/fs/inode-nr',
    'SystemD.containerd.service.MainPID',
    'SystemD.containerd.service.ExecMainPID',
    'SystemD.kubelet.service.ExecMainStartTimestamp',
    'SystemD.kubelet.service.ActiveEnterTimestampMonotonic',
    'SystemD.containerd.service.CPUUsageNSec',
    'SystemD.containerd.service.MemoryCurrent',
    'SystemD.containerd.service.MemorySwapCurrent',
    'SystemD.containerd.service.InvocationID',
    'SystemD.containerd.service.IPIngressBytes',
    'GPU.device.0.temperature.gpu_temp',
    'GPU.device.0.fb_memory_usage.used',
    'GPU.device.0.clocks.graphics_clock',
    'GPU.device.0.gpu_power_readings.average_power_draw',
    'GPU.device.0.pci.tx_util',
    'GPU.gpu-0.pci.rx-util',
    'GPU.gpu-0.clocks-event-reasons.sw-power-cap',
    'OS.sysctl./proc/sys/dev/cdrom/info',
    'K8s.node.provider-id',
    'GPU.device.0.performance_state',
  ])('ignores the volatile key %s by default', (id) => {
    expect(buildKeyFilter().accepts(id)).toBe(false);
    expect(buildKeyFilter({ defaultIgnores: false }).accepts(id)).toBe(true);
  });

  it.each([
    'OS.sysctl./proc/sys/kernel/osrelease',
    'OS.sysctl./proc/sys/kernel/randomize_va_space',
    'OS.sysctl./proc/sys/fs/file-max',
    'OS.kmod.nvidia',
    'OS.release.VERSION_ID',
    'SystemD.containerd.service.ActiveState',
    'SystemD.containerd.service.ExecStart',
    'SystemD.containerd.service.MemoryMax',
    'SystemD.containerd.service.LimitNOFILE',
    'K8s.server.version',
    'GPU.smi.driver',
    'GPU.device.0.max_clocks.graphics_clock',
    'GPU.device.0.applications_clocks.graphics_clock',
    'GPU.device.0.ecc_errors.aggregate.dram_uncorrectable',
    'GPU.device.0.ecc_errors.volatile.dram_correctable',
    'GPU.gpu-0.ecc-errors.volatile.correctable',
    'GPU.gpu-0.remapped-rows.pending',
    'GPU.gpu-0.mig-mode',
    'GPU.gpu-0.power-limit.current',
    'K8s.node.kernel',
    'GPU.device.0.fb_memory_usage.total',
    'GPU.device.0.mig_mode.current_mig',
    'GPU.device.0.gpu_power_readings.current_power_limit',
    'metadata.collectors.gpu',
  ])('compares the configuration key %s by default', (id) => {
    expect(buildKeyFilter().accepts(id)).toBe(true);
  });

  it.each([
    ['--only keeps matching keys', { only: ['GPU.*'] }, 'GPU.smi.driver', true],
    ['--only drops other keys', { only: ['GPU.*'] }, 'OS.kmod.nvidia', false],
    ['several --only patterns add up', { only: ['GPU.*', 'OS.kmod.*'] }, 'OS.kmod.nvidia', true],
    ['--ignore drops matching keys', { ignore: ['OS.kmod.*'] }, 'OS.kmod.nvidia', false],
    [
      '--ignore wins over --only',
      { only: ['OS.*'], ignore: ['OS.kmod.*'] },
      'OS.kmod.nvidia',
      false,
    ],
    [
      '--only does not lift the defaults',
      { only: ['SystemD.*'] },
      'SystemD.x.service.MainPID',
      false,
    ],
    [
      'defaults can be turned off',
      { only: ['SystemD.*'], defaultIgnores: false },
      'SystemD.x.service.MainPID',
      true,
    ],
  ])('%s', (_name, options, id, expected) => {
    expect(buildKeyFilter(options).accepts(id)).toBe(expected);
  });

  it('counts each refused key once', () => {
    const filter = buildKeyFilter({ ignore: ['OS.*'] });
    for (const id of ['OS.a.b', 'OS.a.b', 'OS.a.c', 'GPU.a.b']) filter.accepts(id);
    expect(filter.refused).toBe(2);
  });

  it('has a compiling pattern and a reason for every default', () => {
    for (const { pattern, reason } of VOLATILE_KEY_PATTERNS) {
      expect(() => globToRegExp(pattern)).not.toThrow();
      expect(reason).not.toBe('');
    }
  });

  it('refuses a malformed pattern with USAGE', () => {
    expect(() => buildKeyFilter({ only: ['OS.[x'] })).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
  });
});
