/**
 * @module The SystemD collector: the properties of chosen units (containerd, docker and kubelet by
 * default), one subtype per installed unit, read with one `systemctl show` call. Volatile and
 * credential-like properties are left out unless `allProperties` (see systemd-property-filter.ts).
 * Units that are not installed are simply absent; with none installed the source is unavailable.
 */
import { filterSystemdProperties } from '../../core/snapshot/systemd-property-filter.js';
import { parseSystemdShow } from '../../core/snapshot/parse-systemd-show.js';
import { isCnsError } from '../../core/shared/errors.js';
import type { HostFiles } from '../ports.js';
import { firstLine, unavailable, type Collector } from './collector.js';

export const DEFAULT_SYSTEMD_UNITS = [
  'containerd.service',
  'docker.service',
  'kubelet.service',
] as const;

/**
 * sd_booted(3): systemd is the init system exactly when this directory exists. Read at `/` it spares a
 * systemctl run on hosts without systemd; under another root /run may not be mounted, so systemctl
 * (which sees the host through nsenter) decides there.
 */
export const SYSTEMD_RUNTIME_DIR = '/run/systemd/system';

async function systemdBooted(files: HostFiles): Promise<boolean> {
  try {
    await files.list(SYSTEMD_RUNTIME_DIR);
    return true;
  } catch (error) {
    return !(isCnsError(error) && error.code === 'NOT_FOUND');
  }
}

export interface SystemdOptions {
  readonly units: readonly string[];
  readonly allProperties: boolean;
}

/** Creates the SystemD collector. */
export function systemdCollector(options: SystemdOptions): Collector {
  return {
    name: 'systemd',
    type: 'SystemD',
    async collect({ files, commands }, signal) {
      if (options.units.length === 0) throw unavailable('no systemd units were asked for');
      if (files.root === '/' && !(await systemdBooted(files))) {
        throw unavailable(`systemd is not running on this host (no ${SYSTEMD_RUNTIME_DIR})`);
      }
      const result = await commands
        .run('systemctl', ['show', '--no-pager', ...options.units], { signal })
        .catch((error: unknown) => {
          if (isCnsError(error) && error.code === 'NOT_FOUND') {
            throw unavailable('systemctl not found on the host (no systemd)', {
              cause: error.message,
            });
          }
          throw error;
        });
      if (result.exitCode !== 0) {
        // "System has not been booted with systemd as init system (PID 1). Can't operate."
        const why =
          firstLine(result.stderr) || firstLine(result.stdout) || `exit code ${result.exitCode}`;
        throw unavailable(`systemctl show failed: ${why}`, { exitCode: result.exitCode });
      }
      const units = parseSystemdShow(result.stdout, options.units);
      if (units.length === 0) {
        throw unavailable(`none of ${options.units.join(', ')} is installed`);
      }
      return {
        subtypes: units.map((u) => ({
          subtype: u.unit,
          data: options.allProperties ? { ...u.properties } : filterSystemdProperties(u.properties),
        })),
        missing: [],
      };
    },
  };
}
