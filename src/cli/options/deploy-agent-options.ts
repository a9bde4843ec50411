/**
 * @module `cnsctl snapshot --deploy-agent` flags → the deployment request, checked before anything
 * touches the cluster: names Kubernetes would refuse, selectors and tolerations that do not parse,
 * flags that belong to the other mode. Local snapshot flags that shape what the agents collect are
 * passed on to them.
 */
import type { DeployAgentRequest } from '../../actions/snapshot/deploy-agent.js';
import type { Toleration } from '../../core/snapshot/agent-manifests.js';
import {
  parseNodeSelector as parseSelectorPair,
  parseToleration,
} from '../../core/bundle/parse-bundle-flags.js';
import { CnsError } from '../../core/shared/errors.js';
import { parseDuration } from '../../core/shared/parse-duration.js';

export const DEFAULT_NAMESPACE = 'gpu-operator';
export const DEFAULT_JOB_NAME = 'cns-agent';
export const DEFAULT_SERVICE_ACCOUNT = 'cns-agent';
export const DEFAULT_AGENT_TIMEOUT = '5m';
export const DEFAULT_PARALLEL = 20;
const MAX_AGENT_TIMEOUT_MS = 24 * 3_600_000;
const MAX_PARALLEL = 500;
/** The longest --job-name with --all-nodes: per-node Jobs add `-` and 10 hex digits, within 63. */
const MAX_JOB_NAME = 52;

/** The image of this version of cnsctl (deploy/agent/Dockerfile builds it). */
export const defaultAgentImage = (version: string): string => `ghcr.io/nvidia/cnsctl:v${version}`;

/** The flags of `cnsctl snapshot`, as commander gives them. */
export interface DeployAgentFlags {
  readonly deployAgent?: boolean | undefined;
  readonly namespace?: string | undefined;
  readonly image?: string | undefined;
  readonly nodeSelector?: readonly string[] | undefined;
  readonly toleration?: readonly string[] | undefined;
  readonly cleanup?: boolean | undefined;
  readonly imagePullSecret?: readonly string[] | undefined;
  readonly jobName?: string | undefined;
  readonly serviceAccountName?: string | undefined;
  readonly privileged?: boolean | undefined;
  readonly allNodes?: boolean | undefined;
  readonly parallel?: string | undefined;
  readonly output?: string | undefined;
  readonly format: string;
  readonly hostRoot?: string | undefined;
  readonly nodeName?: string | undefined;
  readonly collectors?: string | undefined;
  readonly includeNetSysctl?: boolean | undefined;
  readonly systemdUnits?: string | undefined;
  readonly allProperties?: boolean | undefined;
  readonly requireGpu?: boolean | undefined;
}

/** Which flags the user typed (commander fills defaults in; these must be told apart). */
export interface GivenFlags {
  readonly timeout?: string | undefined;
  readonly hostRoot: boolean;
  readonly systemdUnits: boolean;
}

/** Flags that only mean something with --deploy-agent. */
const AGENT_ONLY: readonly (keyof DeployAgentFlags)[] = [
  'namespace',
  'image',
  'nodeSelector',
  'toleration',
  'cleanup',
  'imagePullSecret',
  'jobName',
  'serviceAccountName',
  'privileged',
  'allNodes',
  'parallel',
];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Refuses agent flags without --deploy-agent (they would be silently ignored otherwise). */
export function assertNoAgentFlags(flags: DeployAgentFlags): void {
  const stray = AGENT_ONLY.filter((name) => flags[name] !== undefined);
  if (stray.length > 0) {
    const names = stray.map(flagName).join(', ');
    throw usage(`${names} ${stray.length === 1 ? 'needs' : 'need'} --deploy-agent`);
  }
}

/** Checks and converts the flags of a `--deploy-agent` run. */
export function toDeployAgentOptions(
  flags: DeployAgentFlags,
  given: GivenFlags,
  toolVersion: string,
): DeployAgentRequest {
  if (given.hostRoot || flags.nodeName !== undefined || flags.collectors !== undefined) {
    throw usage(
      '--host-root, --node-name and --collectors are set by --deploy-agent for each agent; leave them out',
    );
  }
  if (flags.format !== 'yaml' && flags.format !== 'json') {
    throw usage(
      `--deploy-agent writes documents: use -t yaml or -t json (got ${flags.format}); view one with cnsctl snapshot … -t table after it is written`,
    );
  }
  const allNodes = flags.allNodes === true;
  const privileged = flags.privileged !== false;
  const namespace = checkName(flags.namespace ?? DEFAULT_NAMESPACE, '--namespace', DNS_LABEL, 63);
  const jobName = checkName(
    flags.jobName ?? DEFAULT_JOB_NAME,
    '--job-name',
    DNS_LABEL,
    allNodes ? MAX_JOB_NAME : 63,
  );
  const serviceAccountName = checkName(
    flags.serviceAccountName ?? DEFAULT_SERVICE_ACCOUNT,
    '--service-account-name',
    DNS_SUBDOMAIN,
    253,
  );
  if (flags.parallel !== undefined && !allNodes) throw usage('--parallel needs --all-nodes');
  const agentArgs = [
    ...(flags.includeNetSysctl ? ['--include-net-sysctl'] : []),
    ...(given.systemdUnits && flags.systemdUnits !== undefined
      ? ['--systemd-units', flags.systemdUnits]
      : []),
    ...(flags.allProperties ? ['--all-properties'] : []),
    ...(flags.requireGpu ? ['--require-gpu'] : []),
  ];
  if (!privileged && agentArgs.length > 0) {
    throw usage(
      `${agentArgs.filter((a) => a.startsWith('--')).join(', ')} need${agentArgs.length === 1 ? 's' : ''} the host: not with --privileged=false, whose agent collects only the cluster's view (K8s)`,
    );
  }
  return {
    namespace,
    image: checkImage(flags.image ?? defaultAgentImage(toolVersion)),
    jobName,
    serviceAccountName,
    nodeSelector: parseNodeSelector(flags.nodeSelector ?? []),
    tolerations: parseTolerations(flags.toleration ?? []),
    imagePullSecrets: (flags.imagePullSecret ?? []).map((name) =>
      checkName(name, '--image-pull-secret', DNS_SUBDOMAIN, 253),
    ),
    privileged,
    format: flags.format,
    agentArgs,
    output: flags.output,
    allNodes,
    parallel: flags.parallel === undefined ? DEFAULT_PARALLEL : parseParallel(flags.parallel),
    timeoutMs: parseDuration(
      given.timeout ?? DEFAULT_AGENT_TIMEOUT,
      '--timeout',
      MAX_AGENT_TIMEOUT_MS,
    ),
    cleanup: flags.cleanup === true,
  };
}

/** `nodeGroup=customer-gpu` (repeatable) → a node selector, in the grammar of bundle's selectors. */
export function parseNodeSelector(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(pairs.map((pair) => parseSelectorPair('--node-selector', pair)));
}

/**
 * `*` (every taint, the default) or bundle's grammar: `key=value:Effect`, `key:Effect`, `key=value`
 * (any effect) and `key` (any value) → tolerations.
 */
export function parseTolerations(values: readonly string[]): Toleration[] {
  if (values.length === 0) return [{ operator: 'Exists' }];
  return values.map((value): Toleration => {
    if (value === '*') return { operator: 'Exists' };
    const { key, operator, value: tolerated, effect } = parseToleration('--toleration', value);
    return {
      key,
      operator,
      ...(tolerated === undefined ? {} : { value: tolerated }),
      ...(effect === undefined ? {} : { effect }),
    };
  });
}

function parseParallel(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PARALLEL) {
    throw usage(`--parallel must be a whole number from 1 to ${MAX_PARALLEL}, got "${value}"`);
  }
  return n;
}

function checkName(value: string, flag: string, pattern: RegExp, max: number): string {
  if (value.length > max || !pattern.test(value)) {
    throw usage(
      `${flag} must be a Kubernetes name of at most ${max} lower-case letters, digits and '-'${pattern === DNS_SUBDOMAIN ? " or '.'" : ''}, got "${value}"`,
    );
  }
  return value;
}

function checkImage(image: string): string {
  if (image === '' || /\s/.test(image))
    throw usage(`--image must be an image reference, got "${image}"`);
  return image;
}

/** `nodeSelector` → `--node-selector`. */
function flagName(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function usage(message: string): CnsError {
  return new CnsError('USAGE', message);
}
