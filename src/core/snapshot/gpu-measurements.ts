/**
 * @module GPU facts → the subtypes of the `GPU` measurement:
 * - `smi`: the node summary. Keys `driver`, `cuda-version`, `gpu-count`, and `gpu.*` describing GPU 0
 *   (`gpu.model`, `gpu.product-architecture`, `gpu.vbios-version`, …). It also carries the names earlier
 *   tools wrote (`driver-version`, `gpu.count`, `gpu.name`, `gpu.memory`, as strings the way they wrote
 *   them), so snapshots they read and constraints written against either naming keep working.
 * - `gpu-<index>`: one per GPU, in index order (subtype names carry no dot, so a constraint name such as
 *   `GPU.gpu-3.mig-mode` splits one way only).
 * - `driver`: the loaded kernel driver, from /proc/driver/nvidia/version.
 */
import type { DriverVersionFacts } from './parse-driver-version.js';
import type { GpuFacts, NvidiaSmiReport } from './parse-nvidia-smi.js';
import { definedData } from './defined-data.js';
import type { SnapshotSubtype } from './snapshot-document.js';

/** Builds the `smi` and per-GPU subtypes from nvidia-smi facts. */
export function nvidiaSmiSubtypes(report: NvidiaSmiReport): SnapshotSubtype[] {
  return [smiSummary(report), ...report.gpus.map(gpuSubtype)];
}

/** Builds the `driver` subtype from the kernel driver's version file. */
export function driverSubtype(driver: DriverVersionFacts): SnapshotSubtype {
  return {
    subtype: 'driver',
    data: definedData({
      version: driver.version,
      'kernel-module': driver.kernelModule,
      arch: driver.arch,
      gcc: driver.gcc,
    }),
  };
}

function smiSummary(report: NvidiaSmiReport): SnapshotSubtype {
  const first = report.gpus[0];
  const count = report.gpus.length;
  return {
    subtype: 'smi',
    data: definedData({
      driver: report.driverVersion,
      'cuda-version': report.cudaVersion,
      'gpu-count': count,
      'gpu.model': first?.model,
      'gpu.product-architecture': first?.architecture,
      'gpu.vbios-version': first?.vbiosVersion,
      'gpu.gsp-firmware-version': first?.gspFirmwareVersion,
      'gpu.persistence-mode': first?.persistenceMode,
      'gpu.addressing-mode': first?.addressingMode,
      'gpu.display-mode': first?.displayMode,
      'gpu.display-active': first?.displayActive,
      // Names earlier tools wrote; keep in sync with docs/snapshot.md "GPU keys".
      'driver-version': report.driverVersion,
      'gpu.count': String(count),
      'gpu.name': first?.model,
      'gpu.memory': first?.memoryTotalMib === undefined ? undefined : `${first.memoryTotalMib} MiB`,
    }),
  };
}

function gpuSubtype(gpu: GpuFacts): SnapshotSubtype {
  return {
    subtype: `gpu-${gpu.index}`,
    data: definedData({
      index: gpu.index,
      'minor-number': gpu.minorNumber,
      uuid: gpu.uuid,
      model: gpu.model,
      brand: gpu.brand,
      architecture: gpu.architecture,
      'compute-capability': gpu.computeCapability,
      'vbios-version': gpu.vbiosVersion,
      'gsp-firmware-version': gpu.gspFirmwareVersion,
      'memory-total-mib': gpu.memoryTotalMib,
      'mig-mode': gpu.migMode,
      'mig-mode-pending': gpu.migModePending,
      'mig-devices': gpu.migDevices,
      'ecc-mode': gpu.eccMode,
      'ecc-mode-pending': gpu.eccModePending,
      'ecc-errors.volatile.correctable': gpu.eccErrors.volatileCorrectable,
      'ecc-errors.volatile.uncorrectable': gpu.eccErrors.volatileUncorrectable,
      'ecc-errors.aggregate.correctable': gpu.eccErrors.aggregateCorrectable,
      'ecc-errors.aggregate.uncorrectable': gpu.eccErrors.aggregateUncorrectable,
      'retired-pages.single-bit': gpu.retiredPagesSingleBit,
      'retired-pages.double-bit': gpu.retiredPagesDoubleBit,
      'retired-pages.pending': gpu.retiredPagesPending,
      'remapped-rows.correctable': gpu.remappedRowsCorrectable,
      'remapped-rows.uncorrectable': gpu.remappedRowsUncorrectable,
      'remapped-rows.pending': gpu.remappedRowsPending,
      'remapped-rows.failure': gpu.remappedRowsFailure,
      'persistence-mode': gpu.persistenceMode,
      'compute-mode': gpu.computeMode,
      'addressing-mode': gpu.addressingMode,
      'display-mode': gpu.displayMode,
      'display-active': gpu.displayActive,
      'virtualization-mode': gpu.virtualizationMode,
      'pci.bus-id': gpu.pciBusId,
      'pci.device-id': gpu.pciDeviceId,
      'pcie.max-link-gen': gpu.pcieMaxLinkGen,
      'pcie.max-link-width': gpu.pcieMaxLinkWidth,
      'power-limit.current': gpu.powerLimitCurrent,
      'power-limit.default': gpu.powerLimitDefault,
      'power-limit.max': gpu.powerLimitMax,
      'fabric.state': gpu.fabricState,
      'fabric.status': gpu.fabricStatus,
    }),
  };
}
