/**
 * @module Which agents a `snapshot --deploy-agent` run starts and where each one's snapshot goes. An
 * agent can only write ConfigMaps of its own namespace (its Role says so), so it writes the
 * destination itself when the destination is such a ConfigMap, and otherwise a ConfigMap named after
 * its Job that the CLI copies to the destination (a file, stdout, a directory of files by node, a
 * ConfigMap elsewhere) and then removes.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { configMapUri, isConfigMapName, parseConfigMapUri } from '../shared/config-map-location.js';
import { CnsError } from '../shared/errors.js';
import type { AgentSpec } from './agent-manifests.js';

/** The ConfigMap the demo reads (`kubectl -n gpu-operator get cm cns-snapshot`). */
export const DEFAULT_CONFIG_MAP = 'cns-snapshot';

export interface AgentPlanInput {
  readonly namespace: string;
  readonly jobName: string;
  /** `-o` as given; undefined means `cm://<namespace>/cns-snapshot`. */
  readonly output: string | undefined;
  /** The nodes of --all-nodes (sorted), or undefined for one agent wherever it is scheduled. */
  readonly nodes: readonly string[] | undefined;
  readonly format: 'yaml' | 'json';
}

/** One agent and where its snapshot ends up (`-` for stdout). */
export interface PlannedAgent extends AgentSpec {
  readonly destination: string;
  /** The destination is not what the agent writes: the CLI copies it there and removes the copy. */
  readonly copied: boolean;
}

/** The agents of a run; one per node with --all-nodes. */
export function planAgents(input: AgentPlanInput): PlannedAgent[] {
  const { namespace, jobName, nodes } = input;
  const output = input.output ?? configMapUri({ namespace, name: DEFAULT_CONFIG_MAP });
  const target = output.toLowerCase().startsWith('cm://') ? parseConfigMapUri(output) : undefined;
  if (nodes === undefined) {
    const direct = target?.namespace === namespace;
    return [
      {
        jobName,
        configMap: direct ? target.name : jobName,
        destination: output,
        copied: !direct,
      },
    ];
  }
  if (output === '-') {
    throw new CnsError(
      'USAGE',
      '--all-nodes writes one snapshot per node: give -o a directory (files named by node) or cm://<namespace>/<prefix> (a ConfigMap per node)',
    );
  }
  return nodes.map((node): PlannedAgent => {
    const perNodeJob = `${jobName}-${shortHash(node)}`;
    if (target) {
      const name = perNodeName(target.name, node);
      const direct = target.namespace === namespace;
      return {
        jobName: perNodeJob,
        nodeName: node,
        configMap: direct ? name : perNodeJob,
        destination: configMapUri({ namespace: target.namespace, name }),
        copied: !direct,
      };
    }
    return {
      jobName: perNodeJob,
      nodeName: node,
      configMap: perNodeJob,
      destination: join(output, `${node}.${input.format}`),
      copied: true,
    };
  });
}

/** `<prefix>-<node>`, or `<prefix>-<hash>` where the node's name would make no ConfigMap name. */
function perNodeName(prefix: string, node: string): string {
  const name = `${prefix}-${node}`;
  return isConfigMapName(name) ? name : `${prefix}-${shortHash(node)}`;
}

/** Ten hex digits of the name's SHA-256: unique enough among a cluster's nodes, short enough for a Job name. */
function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}
