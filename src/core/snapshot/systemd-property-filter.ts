/**
 * @module Which systemd unit properties a snapshot leaves out by default, and how it scrubs the rest, so
 * that two snapshots of the same node diff clean and no secret leaves the host. The lists are data: add a
 * property here, not a special case in a collector. `--all-properties` bypasses all of it.
 */

/** Properties that change while the configuration does not: process ids, counters, run results. */
export const VOLATILE_SYSTEMD_PROPERTIES: readonly string[] = [
  'MainPID',
  'ControlPID',
  'ExecMainPID',
  'ExecMainCode',
  'ExecMainStatus',
  'InvocationID',
  'NRestarts',
  'StatusText',
  'StatusErrno',
  'StatusBusError',
  'StatusVarlinkError',
  'ControlGroupId',
  'TasksCurrent',
  'CPUUsageNSec',
  'NFileDescriptorStore',
  'MemoryAvailable',
  'EffectiveMemoryMax',
  'EffectiveMemoryHigh',
  'EffectiveTasksMax',
  'Job',
];

/** Name patterns for the same: every timestamp, and the resource accounting counters. */
export const VOLATILE_SYSTEMD_PATTERNS: readonly RegExp[] = [
  /Timestamp(Monotonic)?$/,
  /^Memory\w*(Current|Peak)$/,
  /^IP(Ingress|Egress)(Bytes|Packets)$/,
  /^IO(Read|Write)(Bytes|Operations)$/,
];

/** Properties that carry credentials themselves (systemd's credential passing). */
export const CREDENTIAL_SYSTEMD_PATTERNS: readonly RegExp[] = [/^(Load|Set|Import)Credential/];

/** Run-time fields systemd appends inside Exec* values (`{ path=… ; pid=123 ; start_time=[…] }`). */
const EXEC_RUNTIME_FIELDS = /\s*;\s*(start_time|stop_time|pid|code|status)=(\[[^\]]*\]|[^;}\s]*)/g;

/** Environment variable names whose values are treated as secrets. */
const SECRET_NAME = /(PASS|SECRET|TOKEN|KEY|CREDENTIAL|AUTH|COOKIE|SESSION)/i;

/** `scheme://user:password@host`: the user part of a URL can carry a password (proxy settings). */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi;

export const REDACTED = '<redacted>';

/**
 * Returns the properties a default snapshot keeps: volatile and credential properties removed, run-time
 * fields dropped from Exec* values, and secret-looking Environment values redacted.
 */
export function filterSystemdProperties(
  properties: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (isVolatileOrCredential(name)) continue;
    out[name] = scrubValue(name, value);
  }
  return out;
}

function isVolatileOrCredential(name: string): boolean {
  return (
    VOLATILE_SYSTEMD_PROPERTIES.includes(name) ||
    VOLATILE_SYSTEMD_PATTERNS.some((p) => p.test(name)) ||
    CREDENTIAL_SYSTEMD_PATTERNS.some((p) => p.test(name))
  );
}

/**
 * `--token=abc` / `--bootstrap-password abc` in a command line; flags naming a file, path or directory
 * (`--token-file=/etc/x`) point at a secret rather than hold one, and are kept.
 */
const SECRET_FLAG =
  /(--?[\w-]*(?:password|passwd|secret|token|api-?key)(?![\w-]*-(?:file|path|dir)\b)[\w-]*)(=|\s+)(?!-)[^\s;"]+/gi;

function scrubValue(name: string, value: string): string {
  if (name.startsWith('Exec')) return redactSecrets(value.replace(EXEC_RUNTIME_FIELDS, ''));
  if (name === 'Environment') return redactEnvironment(value);
  return redactSecrets(value);
}

function redactSecrets(value: string): string {
  return value.replace(URL_USERINFO, `$1${REDACTED}@`).replace(SECRET_FLAG, `$1$2${REDACTED}`);
}

/** systemctl prints Environment as space-separated `NAME=value` words (values with spaces are quoted). */
function redactEnvironment(value: string): string {
  return splitWords(value)
    .map((word) => {
      const quoted = word.length >= 2 && word.startsWith('"') && word.endsWith('"');
      const assignment = quoted ? word.slice(1, -1) : word;
      const eq = assignment.indexOf('=');
      const variable = eq === -1 ? assignment : assignment.slice(0, eq);
      const redacted =
        eq !== -1 && SECRET_NAME.test(variable)
          ? `${variable}=${REDACTED}`
          : redactSecrets(assignment);
      return quoted ? `"${redacted}"` : redacted;
    })
    .join(' ');
}

function splitWords(value: string): string[] {
  return value.match(/(?:"[^"]*"|\S)+/g) ?? [];
}
