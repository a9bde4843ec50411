/**
 * @module Snapshot flags (or a request's fields) → SnapshotOptions, checked before any work starts:
 * a bad duration or unit name is a USAGE error that names the flag, never a half-taken snapshot.
 */
import { CnsError } from '../../core/shared/errors.js';
import { parseDuration } from '../../core/shared/parse-duration.js';
import { DEFAULT_SYSTEMD_UNITS } from './collect-systemd.js';
import { COLLECTOR_NAMES, type CollectorName, type SnapshotOptions } from './take-snapshot.js';

export const DEFAULT_COLLECTOR_TIMEOUT = '30s';
const MAX_TIMEOUT_MS = 10 * 60 * 1000;
const UNIT_NAME = /^[A-Za-z0-9:_.@\\-]+$/;

/** The flags as the CLI declares them (strings as typed, booleans when given). */
export interface SnapshotFlags {
  readonly hostRoot?: string | undefined;
  readonly includeNetSysctl?: boolean | undefined;
  readonly systemdUnits?: string | undefined;
  readonly allProperties?: boolean | undefined;
  readonly requireGpu?: boolean | undefined;
  readonly timeout?: string | undefined;
  readonly nodeName?: string | undefined;
  readonly collectors?: string | undefined;
}

/** Options plus the host root, which picks the adapters rather than steering the action. */
export interface SnapshotRequest {
  readonly hostRoot: string;
  readonly options: SnapshotOptions;
}

/**
 * Checks and converts the flags. `env` supplies NODE_NAME (set by the Downward API in an agent pod)
 * when --node-name is not given.
 */
export function toSnapshotOptions(
  flags: SnapshotFlags,
  env: Readonly<Record<string, string | undefined>>,
): SnapshotRequest {
  const hostRoot = flags.hostRoot ?? '/';
  if (hostRoot === '' || !hostRoot.startsWith('/')) {
    throw usage(`--host-root must be an absolute directory, got "${hostRoot}"`, { hostRoot });
  }
  const nodeName = flags.nodeName ?? (env.NODE_NAME || undefined);
  return {
    hostRoot,
    options: {
      includeNetSysctl: flags.includeNetSysctl === true,
      systemdUnits:
        flags.systemdUnits === undefined ? DEFAULT_SYSTEMD_UNITS : parseUnits(flags.systemdUnits),
      allProperties: flags.allProperties === true,
      requireGpu: flags.requireGpu === true,
      timeoutMs: parseTimeout(flags.timeout ?? DEFAULT_COLLECTOR_TIMEOUT),
      ...(flags.collectors === undefined ? {} : { collectors: parseCollectors(flags.collectors) }),
      ...(nodeName ? { nodeName } : {}),
    },
  };
}

/** `k8s`, `os,gpu`: the collectors to run (each at most once, in the default order). */
export function parseCollectors(value: string): CollectorName[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  for (const name of names) {
    if (!(COLLECTOR_NAMES as readonly string[]).includes(name)) {
      throw usage(`--collectors: "${name}" is not one of ${COLLECTOR_NAMES.join(', ')}`, {
        collector: name,
      });
    }
  }
  if (names.length === 0) {
    throw usage(`--collectors needs at least one of ${COLLECTOR_NAMES.join(', ')}`, {
      collectors: value,
    });
  }
  return COLLECTOR_NAMES.filter((name) => names.includes(name));
}

/**
 * `containerd,kubelet.service` → `['containerd.service', 'kubelet.service']`: a name without a unit
 * type is a service, as systemctl assumes. An empty list turns the SystemD collector off.
 */
export function parseUnits(value: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  for (const name of names) {
    if (!UNIT_NAME.test(name)) {
      throw usage(`--systemd-units: "${name}" is not a systemd unit name`, { unit: name });
    }
  }
  return [...new Set(names.map((n) => (n.includes('.') ? n : `${n}.service`)))];
}

/** `30s`, `500ms`, `2m` or plain seconds (`45`) → milliseconds, between 1 ms and 10 minutes. */
export function parseTimeout(value: string): number {
  return parseDuration(value, '--timeout', MAX_TIMEOUT_MS);
}

function usage(message: string, details: Readonly<Record<string, unknown>>): CnsError {
  return new CnsError('USAGE', message, { details });
}
