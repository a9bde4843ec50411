/**
 * @module The OS collector: `release` (os-release), `sysctl` (a walk of /proc/sys), `kmod`
 * (/proc/modules), `grub` (the kernel command line) and `kernel` (the running kernel). Every part is read
 * on its own; the running kernel always lands at `sysctl./proc/sys/kernel/osrelease`, which recipes
 * constrain, even when /proc/sys cannot be walked (then it comes from that one file or `uname -r`).
 */
import { parseKernelCmdline } from '../../core/snapshot/parse-kernel-cmdline.js';
import { parseOsRelease } from '../../core/snapshot/parse-os-release.js';
import { parseProcModules } from '../../core/snapshot/parse-proc-modules.js';
import type { Scalar, SnapshotSubtype } from '../../core/snapshot/snapshot-document.js';
import { SYSCTL_ROOT, type SysctlSelection } from '../../core/snapshot/sysctl-filter.js';
import type { CommandRunner, HostFiles } from '../ports.js';
import {
  attemptPart,
  unavailable,
  type Collector,
  type CollectorPorts,
  type MissingPart,
  type PartResult,
} from './collector.js';
import { walkSysctl } from './walk-sysctl.js';

export const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'] as const;
const OSRELEASE = `${SYSCTL_ROOT}/kernel/osrelease`;
const KERNEL_FILES = {
  release: OSRELEASE,
  version: `${SYSCTL_ROOT}/kernel/version`,
  arch: `${SYSCTL_ROOT}/kernel/arch`,
};

/** Creates the OS collector; `selection` says whether to walk net/ and keep volatile values. */
export function osCollector(selection: SysctlSelection): Collector {
  return {
    name: 'os',
    type: 'OS',
    async collect({ files, commands }: CollectorPorts, signal) {
      const [release, sysctl, kmod, grub] = await Promise.all([
        attemptPart(signal, () => readOsRelease(files)),
        attemptPart(signal, () => walkSysctl(files, selection, signal)),
        attemptPart(signal, async () => parseProcModules(await files.readText('/proc/modules'))),
        attemptPart(signal, async () => parseKernelCmdline(await files.readText('/proc/cmdline'))),
      ]);
      const walked = 'value' in sysctl ? sysctl.value : {};
      const kernel = await attemptPart(signal, () => readKernel(walked, files, commands, signal));

      const subtypes: SnapshotSubtype[] = [];
      const missing: MissingPart[] = [];
      const add = <T>(
        part: string,
        result: PartResult<T>,
        build: (value: T) => SnapshotSubtype,
      ): void => {
        if ('value' in result) subtypes.push(build(result.value));
        else missing.push({ part, reason: result.missing });
      };
      add('release', release, (data) => ({ subtype: 'release', data }));
      add('kmod', kmod, (names) => ({
        subtype: 'kmod',
        data: Object.fromEntries(names.map((n) => [n, true])),
      }));
      add('grub', grub, (data) => ({ subtype: 'grub', data }));
      add('kernel', kernel, (data) => ({ subtype: 'kernel', data }));
      const osrelease = 'value' in kernel ? kernel.value.release : undefined;
      const sysctlData = osrelease === undefined ? walked : { ...walked, [OSRELEASE]: osrelease };
      if (Object.keys(sysctlData).length > 0)
        subtypes.push({ subtype: 'sysctl', data: sysctlData });
      if ('missing' in sysctl) missing.push({ part: 'sysctl', reason: sysctl.missing });

      if (subtypes.length === 0) {
        throw unavailable(
          `no OS facts could be read: ${missing.map((m) => `${m.part}: ${m.reason}`).join('; ')}`,
        );
      }
      return { subtypes, missing };
    },
  };
}

/** os-release(5): /etc/os-release, falling back to /usr/lib/os-release. */
async function readOsRelease(files: HostFiles): Promise<Record<string, string>> {
  const [primary, fallback] = OS_RELEASE_PATHS;
  const text = await files.readText(primary).catch(async (error: unknown) => {
    return files.readText(fallback).catch(() => {
      throw error;
    });
  });
  const release = parseOsRelease(text);
  if (Object.keys(release).length === 0) {
    throw unavailable(`${primary} holds no os-release assignments`);
  }
  return release;
}

/** The running kernel: from the walk, else its /proc/sys files, else `uname`. */
async function readKernel(
  walked: Readonly<Record<string, string>>,
  files: HostFiles,
  commands: CommandRunner,
  signal: AbortSignal,
): Promise<Record<string, Scalar>> {
  const read = async (path: string): Promise<string | undefined> =>
    walked[path] ??
    (await files.readText(path).then(
      (t) => t.trim(),
      () => undefined,
    ));
  const [release, version, arch] = await Promise.all([
    read(KERNEL_FILES.release),
    read(KERNEL_FILES.version),
    read(KERNEL_FILES.arch),
  ]);
  const uname = async (flag: string): Promise<string | undefined> => {
    const result = await commands.run('uname', [flag], { signal });
    return result.exitCode === 0 ? result.stdout.trim() || undefined : undefined;
  };
  const kernel: Record<string, Scalar> = {};
  const finalRelease = release || (await uname('-r').catch(() => undefined));
  if (!finalRelease)
    throw unavailable(`${KERNEL_FILES.release} cannot be read and uname -r printed nothing`);
  kernel.release = finalRelease;
  const finalArch = arch || (await uname('-m').catch(() => undefined));
  if (version) kernel.version = version;
  if (finalArch) kernel.arch = finalArch;
  return kernel;
}
