/**
 * @module The GPU collector: `nvidia-smi -q -x` (the summary `smi` and one `gpu-<index>` subtype per
 * GPU) and the loaded kernel driver from /proc/driver/nvidia/version (`driver`). Either source alone is
 * enough to record what it knows; with neither, the node has no usable NVIDIA GPU here.
 */
import { driverSubtype } from '../../core/snapshot/gpu-measurements.js';
import { parseDriverVersion } from '../../core/snapshot/parse-driver-version.js';
import type { SnapshotSubtype } from '../../core/snapshot/snapshot-document.js';
import { isCnsError } from '../../core/shared/errors.js';
import type { CommandRunner, HostFiles } from '../ports.js';
import {
  attemptPart,
  firstLine,
  unavailable,
  type Collector,
  type MissingPart,
} from './collector.js';

export const DRIVER_VERSION_PATH = '/proc/driver/nvidia/version';

/** Creates the GPU collector. */
export function gpuCollector(): Collector {
  return {
    name: 'gpu',
    type: 'GPU',
    async collect({ files, commands }, signal) {
      const [smi, driver] = await Promise.all([
        attemptPart(signal, () => readNvidiaSmi(commands, signal)),
        attemptPart(signal, () => readDriver(files)),
      ]);
      const subtypes: SnapshotSubtype[] = [];
      const missing: MissingPart[] = [];
      if ('value' in smi) subtypes.push(...smi.value);
      else missing.push({ part: 'smi', reason: smi.missing });
      if ('value' in driver) subtypes.push(driver.value);
      else missing.push({ part: 'driver', reason: driver.missing });
      if (subtypes.length === 0) {
        throw unavailable(`no NVIDIA GPU found: ${missing.map((m) => m.reason).join('; ')}`);
      }
      return { subtypes, missing };
    },
  };
}

async function readNvidiaSmi(
  commands: CommandRunner,
  signal: AbortSignal,
): Promise<SnapshotSubtype[]> {
  const result = await commands
    .run('nvidia-smi', ['-q', '-x'], { signal })
    .catch((error: unknown) => {
      if (isCnsError(error) && error.code === 'NOT_FOUND')
        throw unavailable('nvidia-smi not found on the host');
      throw error;
    });
  if (result.exitCode !== 0) {
    // nvidia-smi prints its failures on stdout ("NVIDIA-SMI has failed because it couldn't
    // communicate with the NVIDIA driver…", exit 9; "No devices were found", exit 6).
    const why = firstLine(result.stdout) || firstLine(result.stderr) || 'no message';
    throw unavailable(`nvidia-smi exited with code ${result.exitCode}: ${why}`, {
      exitCode: result.exitCode,
    });
  }
  // The XML parser loads only where nvidia-smi answered: hosts without a GPU never pay for it.
  const [{ parseNvidiaSmi }, { nvidiaSmiSubtypes }] = await Promise.all([
    import('../../core/snapshot/parse-nvidia-smi.js'),
    import('../../core/snapshot/gpu-measurements.js'),
  ]);
  const report = parseNvidiaSmi(result.stdout);
  if (report.gpus.length === 0) throw unavailable('nvidia-smi lists no GPUs');
  return nvidiaSmiSubtypes(report);
}

async function readDriver(files: HostFiles): Promise<SnapshotSubtype> {
  const text = await files.readText(DRIVER_VERSION_PATH).catch((error: unknown) => {
    if (isCnsError(error) && error.code === 'NOT_FOUND') {
      throw unavailable(`the NVIDIA kernel driver is not loaded (${DRIVER_VERSION_PATH} absent)`);
    }
    throw error;
  });
  const driver = parseDriverVersion(text);
  if (!driver) throw unavailable(`${DRIVER_VERSION_PATH} holds no NVRM version line`);
  return driverSubtype(driver);
}
