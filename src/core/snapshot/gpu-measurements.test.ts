import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMultiGpuXml, ECC_GPU, MIG_GPU } from '../../../test/snapshot/multi-gpu-xml.js';
import { driverSubtype, nvidiaSmiSubtypes } from './gpu-measurements.js';
import { parseNvidiaSmi } from './parse-nvidia-smi.js';

const capture = readFileSync(
  new URL('../../../test/fixtures/h100-node/nvidia-smi-q-x.xml', import.meta.url),
  'utf8',
);

describe('nvidiaSmiSubtypes', () => {
  it('writes the summary with the new keys and the names earlier tools wrote', () => {
    const [smi] = nvidiaSmiSubtypes(parseNvidiaSmi(capture));
    expect(smi).toEqual({
      subtype: 'smi',
      data: {
        driver: '580.159.04',
        'cuda-version': '13.0',
        'gpu-count': 1,
        'gpu.model': 'NVIDIA H100 80GB HBM3',
        'gpu.product-architecture': 'Hopper',
        'gpu.vbios-version': '96.00.DA.00.0C',
        'gpu.gsp-firmware-version': '580.159.04',
        'gpu.persistence-mode': 'Enabled',
        'gpu.addressing-mode': 'None',
        'gpu.display-active': 'Disabled',
        'driver-version': '580.159.04',
        'gpu.count': '1',
        'gpu.name': 'NVIDIA H100 80GB HBM3',
        'gpu.memory': '81559 MiB',
      },
    });
  });

  it('writes one subtype per GPU of an 8-GPU node, in index order, after the summary', () => {
    const subtypes = nvidiaSmiSubtypes(parseNvidiaSmi(buildMultiGpuXml(capture)));
    expect(subtypes.map((s) => s.subtype)).toEqual([
      'smi',
      'gpu-0',
      'gpu-1',
      'gpu-2',
      'gpu-3',
      'gpu-4',
      'gpu-5',
      'gpu-6',
      'gpu-7',
    ]);
    expect(subtypes[0]?.data).toMatchObject({ 'gpu-count': 8, 'gpu.count': '8' });
    expect(subtypes[1 + MIG_GPU]?.data).toMatchObject({ 'mig-mode': 'Enabled', 'mig-devices': 7 });
    expect(subtypes[1 + ECC_GPU]?.data).toMatchObject({
      'ecc-errors.volatile.uncorrectable': 2,
      'ecc-errors.aggregate.correctable': 44,
      'remapped-rows.pending': 'Yes',
    });
    expect(subtypes[1]?.data).toMatchObject({
      index: 0,
      'minor-number': 2,
      'pci.bus-id': '00000000:18:00.0',
      'memory-total-mib': 81559,
      'ecc-mode': 'Enabled',
      'persistence-mode': 'Enabled',
    });
  });

  it('writes a summary with a zero count and no gpu.* keys when there are no GPUs', () => {
    const [smi] = nvidiaSmiSubtypes({ driverVersion: '580.1', gpus: [] });
    expect(smi?.data).toEqual({
      driver: '580.1',
      'driver-version': '580.1',
      'gpu-count': 0,
      'gpu.count': '0',
    });
  });
});

describe('driverSubtype', () => {
  it('writes the kernel driver facts it has and nothing else', () => {
    expect(driverSubtype({ version: '570.133.20', kernelModule: 'proprietary' })).toEqual({
      subtype: 'driver',
      data: { version: '570.133.20', 'kernel-module': 'proprietary' },
    });
  });
});
