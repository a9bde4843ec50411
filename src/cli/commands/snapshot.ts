/**
 * @module `cnsctl snapshot`: the state of this node (or of a host mounted at --host-root) as a Snapshot
 * document. Collectors that cannot run here are recorded in the document and warned about on stderr;
 * only --require-gpu turns a missing source into a failure.
 */
import { Command, Option } from '@commander-js/extra-typings';
import type { CliContext } from '../cli-context.js';
import { snapshotRenderers } from '../format/snapshot-renderers.js';
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
  6    --require-gpu and no GPU was found (or the GPU collector failed)
  130  interrupted

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
        'time limit of each collector (e.g. 30s, 500ms, 2m)',
        DEFAULT_TIMEOUT,
      )
      .addOption(
        new Option(
          '--node-name <name>',
          "this node's Kubernetes name (default: $NODE_NAME, then the host name)",
        ),
      ),
    snapshotRenderers,
  )
    .addHelpText('after', EXAMPLES)
    .action(async (flags) => {
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
