import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildMultiGpuXml,
  DGX_BUSES,
  DGX_MINORS,
  ECC_GPU,
  MIG_GPU,
  uuidFor,
} from '../../../test/snapshot/multi-gpu-xml.js';
import { parseNvidiaSmi } from './parse-nvidia-smi.js';

const capture = readFileSync(
  new URL('../../../test/fixtures/h100-node/nvidia-smi-q-x.xml', import.meta.url),
  'utf8',
);

describe('parseNvidiaSmi on the real H100 capture', () => {
  const report = parseNvidiaSmi(capture);
  const gpu = report.gpus[0]!;

  it('reads the driver and CUDA versions as strings', () => {
    expect(report.driverVersion).toBe('580.159.04');
    expect(report.cudaVersion).toBe('13.0');
    expect(report.gpus).toHaveLength(1);
  });

  it('reads the facts of the one GPU', () => {
    expect(gpu).toMatchObject({
      index: 0,
      minorNumber: 0,
      uuid: 'GPU-00000000-0000-0000-0000-000000000000',
      model: 'NVIDIA H100 80GB HBM3',
      brand: 'NVIDIA',
      architecture: 'Hopper',
      vbiosVersion: '96.00.DA.00.0C',
      gspFirmwareVersion: '580.159.04',
      memoryTotalMib: 81559,
      migMode: 'Disabled',
      migModePending: 'Disabled',
      eccMode: 'Enabled',
      eccModePending: 'Enabled',
      eccErrors: {
        volatileCorrectable: 0,
        volatileUncorrectable: 0,
        aggregateCorrectable: 0,
        aggregateUncorrectable: 0,
      },
      remappedRowsCorrectable: 0,
      remappedRowsUncorrectable: 0,
      remappedRowsPending: 'No',
      remappedRowsFailure: 'No',
      persistenceMode: 'Enabled',
      computeMode: 'Default',
      addressingMode: 'None',
      displayActive: 'Disabled',
      virtualizationMode: 'Pass-Through',
      pciBusId: '00000000:00:06.0',
      pciDeviceId: '233010DE',
      pcieMaxLinkGen: 5,
      pcieMaxLinkWidth: 16,
      powerLimitCurrent: '700.00 W',
      powerLimitDefault: '700.00 W',
      powerLimitMax: '700.00 W',
    });
  });

  it.each([
    ['a deprecated field', 'displayMode'],
    ['an N/A retired-page count', 'retiredPagesSingleBit'],
    ['an N/A fabric state', 'fabricState'],
    ['a field this driver does not print', 'computeCapability'],
    ['the MIG device count while MIG is off', 'migDevices'],
  ])('drops %s instead of storing a placeholder', (_name, field) => {
    expect(gpu).not.toHaveProperty(field);
  });

  it('never stores a not-a-value marker anywhere', () => {
    const values = JSON.stringify(report);
    expect(values).not.toContain('N/A');
    expect(values).not.toContain('deprecated');
  });
});

describe('parseNvidiaSmi on an 8-GPU document built from the capture', () => {
  const report = parseNvidiaSmi(buildMultiGpuXml(capture));

  it('returns every GPU, complete, in index (PCI bus) order', () => {
    expect(report.gpus).toHaveLength(8);
    expect(report.gpus.map((g) => g.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(report.gpus.map((g) => g.pciBusId)).toEqual(DGX_BUSES.map((b) => `00000000:${b}:00.0`));
    expect(report.gpus.map((g) => g.minorNumber)).toEqual([...DGX_MINORS]);
    expect(report.gpus.map((g) => g.uuid)).toEqual(DGX_BUSES.map((_, i) => uuidFor(i)));
    for (const gpu of report.gpus) {
      expect(gpu).toMatchObject({
        model: 'NVIDIA H100 80GB HBM3',
        memoryTotalMib: 81559,
        eccMode: 'Enabled',
      });
    }
  });

  it('comes out in the same order whatever order the document lists the GPUs in', () => {
    const shuffled = parseNvidiaSmi(buildMultiGpuXml(capture, [6, 2, 7, 0, 4, 1, 5, 3]));
    expect(shuffled.gpus).toEqual(report.gpus);
  });

  it('reports MIG mode and the MIG instances of the MIG GPU only', () => {
    expect(report.gpus[MIG_GPU]).toMatchObject({
      migMode: 'Enabled',
      migModePending: 'Enabled',
      migDevices: 7,
    });
    const others = report.gpus.filter((g) => g.index !== MIG_GPU);
    expect(others.every((g) => g.migMode === 'Disabled' && g.migDevices === undefined)).toBe(true);
  });

  it('sums the ECC errors of the faulty GPU and leaves the others at zero', () => {
    expect(report.gpus[ECC_GPU]).toMatchObject({
      eccErrors: {
        volatileCorrectable: 5,
        volatileUncorrectable: 2,
        aggregateCorrectable: 44,
        aggregateUncorrectable: 2,
      },
      remappedRowsUncorrectable: 1,
      remappedRowsPending: 'Yes',
    });
    const healthy = report.gpus.filter((g) => g.index !== ECC_GPU);
    expect(healthy.every((g) => g.eccErrors.volatileUncorrectable === 0)).toBe(true);
  });
});

describe('parseNvidiaSmi on other shapes', () => {
  it('reads pre-Hopper single_bit/double_bit ECC groups through their totals', () => {
    const xml = `<?xml version="1.0" ?><nvidia_smi_log><driver_version>470.82.01</driver_version>
      <gpu id="00000000:07:00.0"><product_name>NVIDIA A100-SXM4-40GB</product_name>
      <ecc_errors><volatile>
        <single_bit><device_memory>3</device_memory><register_file>1</register_file><total>4</total></single_bit>
        <double_bit><device_memory>0</device_memory><total>1</total></double_bit>
      </volatile><aggregate>
        <single_bit><device_memory>N/A</device_memory><total>N/A</total></single_bit>
      </aggregate></ecc_errors></gpu></nvidia_smi_log>`;
    const [gpu] = parseNvidiaSmi(xml).gpus;
    expect(gpu?.eccErrors).toEqual({ volatileCorrectable: 4, volatileUncorrectable: 1 });
  });

  it('reads a compute capability where the driver prints one', () => {
    const xml = '<nvidia_smi_log><gpu id="0"><compute_cap>9.0</compute_cap></gpu></nvidia_smi_log>';
    expect(parseNvidiaSmi(xml).gpus[0]?.computeCapability).toBe('9.0');
  });

  it('returns no GPUs for a log that lists none', () => {
    const report = parseNvidiaSmi(
      '<nvidia_smi_log><driver_version>580.1</driver_version><attached_gpus>0</attached_gpus></nvidia_smi_log>',
    );
    expect(report).toEqual({ driverVersion: '580.1', gpus: [] });
  });

  it.each([
    ['truncated output', capture.slice(0, 2000), /not valid XML/],
    [
      'text that is not XML',
      'NVIDIA-SMI has failed because it could not communicate with the driver',
      /not valid XML/,
    ],
    ['XML of another tool', '<?xml version="1.0"?><report><gpu/></report>', /no <nvidia_smi_log>/],
  ])('rejects %s with INPUT_SCHEMA', (_name, xml, message) => {
    expect(() => parseNvidiaSmi(xml)).toThrow(message);
    expect(() => parseNvidiaSmi(xml)).toThrow(expect.objectContaining({ code: 'INPUT_SCHEMA' }));
  });
});
