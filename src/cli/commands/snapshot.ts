/**
 * @module `cnsctl snapshot`: the state of this node (or of a host mounted at --host-root) as a Snapshot
 * document. Collectors that cannot run here are recorded in the document and warned about on stderr;
 * only --require-gpu turns a missing source into a failure.
 */
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { CNS_VERSION } from '../../version.js';
import type { CliContext } from '../cli-context.js';
import { snapshotRenderers } from '../format/snapshot-renderers.js';
import {
  assertNoAgentFlags,
  DEFAULT_AGENT_TIMEOUT,
  DEFAULT_JOB_NAME,
  DEFAULT_NAMESPACE,
  DEFAULT_PARALLEL,
  DEFAULT_SERVICE_ACCOUNT,
  defaultAgentImage,
  toDeployAgentOptions,
  type DeployAgentFlags,
  type GivenFlags,
} from '../options/deploy-agent-options.js';
import { createProgressLine } from '../progress-line.js';
import { withOutputOptions } from '../shared-flags.js';
import { writeResult } from '../write-result.js';

// Keep in step with DEFAULT_SYSTEMD_UNITS and DEFAULT_COLLECTOR_TIMEOUT in src/actions/snapshot/
// (a test checks it); importing them here would load the snapshot action for every command.
const DEFAULT_UNITS = 'containerd.service,docker.service,kubelet.service';
const DEFAULT_TIMEOUT = '30s';

const EXAMPLES = `
Collectors: OS (os-release, /proc/sys, /proc/modules, kernel command line, kernel), SystemD (unit
properties), GPU (nvidia-smi -q -x, /proc/driver/nvidia/version) and K8s (server, this node, images,
ClusterPolicy; only with a kubeconfig or in-cluster account). They run at once, each under --timeout.
One that cannot run here is recorded as unavailable or failed, with why, and printed as a warning.

Exit codes:
  0    the snapshot was taken (some collectors may be unavailable: see the warnings)
  2    bad flags
  3    (--deploy-agent) the namespace, or a node matching --node-selector, does not exist
  4    (--deploy-agent) a permission is missing (the preflight lists them all) or the cluster refused us
  5    (--deploy-agent) the agents did not finish within --timeout (where each was stuck is said)
  6    --require-gpu and no GPU was found (or the GPU collector failed); an agent failed; no cluster
  7    (--deploy-agent) an object of the same name exists that cnsctl did not create
  130  interrupted (with --cleanup, what was created is removed first)

Examples:
  # This node, as YAML on stdout
  cnsctl snapshot

  # A one-screen summary: OS, kernel, runtime, Kubernetes, GPUs, driver, and what was unavailable
  cnsctl snapshot -t table

  # Into a file, failing when the node has no usable GPU
  cnsctl snapshot --require-gpu -o snapshot.yaml

  # From a pod that mounts the host's / at /host (hostPID lets host commands run through nsenter)
  cnsctl snapshot --host-root /host --node-name "$NODE_NAME" -t json

  # Only kubelet's properties, everything systemd reports, and network sysctls too
  cnsctl snapshot --systemd-units kubelet --all-properties --include-net-sysctl

  # Straight into validation
  cnsctl snapshot | cnsctl validate --recipe recipe.yaml --snapshot -

From inside the cluster (--deploy-agent): this CLI runs as a Job on a matching node (the host's / mounted
read-only, host PID, in-cluster credentials), writes its snapshot to a ConfigMap, and the CLI waits for
it with a watch, showing progress. It first asks the API server whether you may do everything the run
needs and creates nothing if not; RBAC is least-privilege (docs/agent.md).

  # The demo: an agent on a GPU node, the result in cm://gpu-operator/cns-snapshot, nothing else left
  cnsctl snapshot --deploy-agent --namespace gpu-operator --node-selector nodeGroup=customer-gpu --cleanup

  # Into a file instead, on a tainted pool, from a private registry
  cnsctl snapshot --deploy-agent --toleration dedicated=gpu:NoSchedule --image-pull-secret regcred \\
    --image registry.example.com/cnsctl:v1 -o snapshot.yaml --cleanup

  # Every GPU node, 50 at a time, a file per node; then the fleet diff
  cnsctl snapshot --deploy-agent --all-nodes --node-selector nvidia.com/gpu.present=true \\
    --parallel 50 -o snapshots/ --cleanup && cnsctl diff snapshots/ -t table
`;

export function registerSnapshot(program: Command, context: CliContext): void {
  const command = withOutputOptions(
    new Command('snapshot')
      .description("Capture this node's OS, systemd, GPU and Kubernetes state as a Snapshot")
      .option(
        '--host-root <dir>',
        'read the host mounted here instead of / (files and commands)',
        '/',
      )
      .option('--include-net-sysctl', 'also walk /proc/sys/net (skipped by default)')
      .option(
        '--systemd-units <units>',
        'comma-separated units to record ("" for none)',
        DEFAULT_UNITS,
      )
      .option(
        '--all-properties',
        'keep volatile and credential-like values (timestamps, PIDs, counters, secrets) left out by default',
      )
      .option('--require-gpu', 'fail (exit 6) when no NVIDIA GPU is found')
      .option(
        '--timeout <duration>',
        `time limit of each collector (e.g. 30s, 500ms, 2m); with --deploy-agent, how long to wait for the agents (default ${DEFAULT_AGENT_TIMEOUT})`,
        DEFAULT_TIMEOUT,
      )
      .addOption(
        new Option(
          '--node-name <name>',
          "this node's Kubernetes name (default: $NODE_NAME, then the host name)",
        ),
      )
      .option(
        '--collectors <names>',
        'comma-separated collectors to run: systemd, os, k8s, gpu (default: all)',
      )
      .option(
        '--deploy-agent',
        'snapshot from inside the cluster: run this CLI as a Job on a node and fetch its snapshot',
      )
      .option(
        '--namespace <namespace>',
        `--deploy-agent: namespace of the Job, its RBAC and the ConfigMap (default: ${DEFAULT_NAMESPACE})`,
      )
      .option(
        '--image <image>',
        `--deploy-agent: the agent image (default: ${defaultAgentImage(CNS_VERSION)})`,
      )
      .option(
        '--node-selector <key=value>',
        '--deploy-agent: run on nodes with this label (repeatable)',
        collect,
      )
      .option(
        '--toleration <key=value:Effect>',
        '--deploy-agent: tolerate this taint (repeatable; also key:Effect, key=value, key, or * for every taint, the default)',
        collect,
      )
      .option(
        '--image-pull-secret <name>',
        '--deploy-agent: a Secret to pull the image with (repeatable)',
        collect,
      )
      .option(
        '--job-name <name>',
        `--deploy-agent: the Job's name, and the prefix of per-node Jobs (default: ${DEFAULT_JOB_NAME})`,
      )
      .option(
        '--service-account-name <name>',
        `--deploy-agent: the agent's ServiceAccount, Role and RoleBinding (default: ${DEFAULT_SERVICE_ACCOUNT})`,
      )
      .option(
        '--privileged [bool]',
        '--deploy-agent: read the host (host root, host PID, privileged container); false: a Pod Security "restricted" pod that records only the cluster\'s view (default: true)',
        parseBoolean,
      )
      .option(
        '--all-nodes',
        '--deploy-agent: one agent on every node matching --node-selector; -o names a directory (files by node) or cm://<namespace>/<prefix> (a ConfigMap per node)',
      )
      .option(
        '--parallel <count>',
        `--all-nodes: agents running at once (default: ${DEFAULT_PARALLEL})`,
      )
      .option(
        '--cleanup',
        '--deploy-agent: remove the Job, its pods and the RBAC afterwards, also after a failure, a timeout or Ctrl-C',
      ),
    snapshotRenderers,
    {
      output:
        'write the result to this file (atomically) or cm://<namespace>/<name> instead of stdout (--deploy-agent: default cm://<namespace>/cns-snapshot)',
    },
  )
    .addHelpText('after', EXAMPLES)
    .action(async (flags, command) => {
      if (flags.deployAgent) {
        await deployAgentCommand(context, flags, {
          timeout:
            command.getOptionValueSource('timeout') === 'default' ? undefined : flags.timeout,
          hostRoot: command.getOptionValueSource('hostRoot') !== 'default',
          systemdUnits: command.getOptionValueSource('systemdUnits') !== 'default',
        });
        return;
      }
      assertNoAgentFlags(flags);
      // toSnapshotOptions sits with the action, as cnsd converts requests with it too; it is imported
      // here, not at start-up, because its defaults come from the collectors.
      const [{ toSnapshotOptions }, { takeSnapshot }] = await Promise.all([
        import('../../actions/snapshot/to-snapshot-options.js'),
        import('../../actions/snapshot/take-snapshot.js'),
      ]);
      const { hostRoot, options } = toSnapshotOptions(flags, context.io.env);
      const { deps } = context;
      const { snapshot, timings } = await takeSnapshot(options, {
        ...deps,
        ...(await deps.openHost(hostRoot)),
      });
      for (const collector of snapshot.collectors ?? []) {
        if (collector.status === 'ok') continue;
        deps.reporter.warn(
          `${collector.name} ${collector.status}: ${collector.reason ?? 'no reason given'}`,
        );
      }
      if (context.globals.debug) {
        const times = timings.map((t) => `${t.name} ${Math.round(t.elapsedMs)} ms`).join(', ');
        deps.reporter.info(`snapshot collectors: ${times}`);
      }
      await writeResult(context, flags, snapshotRenderers[flags.format], snapshot, {});
    });
  program.addCommand(command);
}

/** `snapshot --deploy-agent`: the agents write the snapshots; progress goes to stderr. */
async function deployAgentCommand(
  context: CliContext,
  flags: DeployAgentFlags,
  given: GivenFlags,
): Promise<void> {
  const request = toDeployAgentOptions(flags, given, context.deps.toolVersion);
  const { deployAgent } = await import('../../actions/snapshot/deploy-agent.js');
  const progress = createProgressLine(context.io.stderr, context.globals.logJson);
  const reporter = progress.around(context.deps.reporter);
  try {
    await deployAgent(request, { ...context.deps, reporter }, { onProgress: progress.show });
  } finally {
    progress.end();
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseBoolean(value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidArgumentError('expected true or false');
}
