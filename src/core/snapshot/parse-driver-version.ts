/**
 * @module /proc/driver/nvidia/version text → the loaded kernel driver's version, flavour (open or
 * proprietary kernel modules), architecture and compiler. This is the driver the kernel runs, which
 * can differ from the user-space nvidia-smi after an upgrade without a reboot.
 */

/** Facts of the loaded NVIDIA kernel driver. */
export interface DriverVersionFacts {
  readonly version: string;
  readonly kernelModule: 'open' | 'proprietary';
  readonly arch?: string;
  readonly gcc?: string;
}

// "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.159.04  Release Build  (…)  <date>"
const OPEN = /NVRM version:\s+NVIDIA UNIX Open Kernel Module for (\S+)\s+(\d+(?:\.\d+)+)/;
// "NVRM version: NVIDIA UNIX x86_64 Kernel Module  570.133.20  Fri Feb 28 …"
const PROPRIETARY = /NVRM version:\s+NVIDIA UNIX (\S+) Kernel Module\s+(\d+(?:\.\d+)+)/;
const GCC = /GCC version:\s+(?:gcc version\s+)?(.+?)\s*$/m;

/**
 * Parses /proc/driver/nvidia/version, or returns undefined when it holds no NVRM version line.
 * @example parseDriverVersion('NVRM version: NVIDIA UNIX x86_64 Kernel Module  570.133.20  …')
 *   // { version: '570.133.20', kernelModule: 'proprietary', arch: 'x86_64' }
 */
export function parseDriverVersion(text: string): DriverVersionFacts | undefined {
  const open = OPEN.exec(text);
  const match = open ?? PROPRIETARY.exec(text);
  const [, arch, version] = match ?? [];
  if (!version) return undefined;
  const gcc = GCC.exec(text)?.[1];
  return {
    version,
    kernelModule: open ? 'open' : 'proprietary',
    ...(arch ? { arch } : {}),
    ...(gcc ? { gcc } : {}),
  };
}
