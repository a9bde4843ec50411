/**
 * @module `cnsctl bundle`: a recipe in, deployment files out (a directory, a .zip or a .tar.gz) for one
 * deployer; and `cnsctl bundle verify` to check a bundle against its checksums. The work is in
 * actions/bundle (shared with cnsd) behind the bundle writer and reader ports; this file declares
 * flags and wires them.
 */
import { Command, Option } from '@commander-js/extra-typings';
import { DEFAULT_DEPLOYER, DEPLOYER_NAMES } from '../../core/bundle/deployers.js';
import type { CliContext } from '../cli-context.js';
import { bundleVerificationRenderers } from '../format/bundle-verification-renderers.js';
import { toBundleRequest } from '../options/bundle-options.js';
import { collectRepeated } from '../repeated-options.js';
import { withFormatOption } from '../shared-flags.js';
import { writeResult } from '../write-result.js';

const EXAMPLES = `
Exit codes:
  0  the bundle was written (verify: every file matches checksums.txt)
  1  verify only: files are missing, extra or changed
  2  bad input: flags, a recipe that is not a recipeResult, an unwritable or non-empty --output
  3  the recipe, or a values file or manifest it names, does not exist
  130  interrupted: nothing was written

Examples:
  # The demo's stage 4: Argo CD Applications for the demo recipe, with node placement
  cnsctl bundle --recipe recipe.yaml --output ./bundles \\
    --system-node-selector nodeGroup=system-pool \\
    --accelerated-node-selector nodeGroup=customer-gpu \\
    --accelerated-node-toleration dedicated=user-workload:NoSchedule \\
    --deployer argocd --repo https://github.com/your-org/gitops.git

  # Scripts (the default deployer) as a zip; a pinned driver and no NVSentinel
  cnsctl bundle --recipe recipe.yaml -o bundle.zip \\
    --set gpu-operator:driver.version=580.82.07 --set nvsentinel:enabled=false

  # Flux, or an umbrella Helm chart, as a tar.gz
  cnsctl bundle --recipe recipe.yaml -o flux.tar.gz --deployer flux --repo ssh://git@github.com/org/gitops.git
  cnsctl bundle --recipe recipe.yaml -o chart --deployer helm

  # Check a bundle (a directory, .zip or .tar.gz) against its checksums
  cnsctl bundle verify ./bundles
`;

export function registerBundle(program: Command, context: CliContext): void {
  const command = new Command('bundle')
    .description(
      'Write deployment files for a recipe: values, manifests, scripts and READMEs per component, for one deployer',
    )
    .option('--recipe <uri>', 'recipeResult document (file, -, URL, cm://); required')
    .option(
      '-o, --output <path>',
      'a directory (written whole or not at all), or a .zip / .tar.gz archive',
      'bundles',
    )
    .addOption(
      new Option('--deployer <name>', 'how the bundle is deployed')
        .choices(DEPLOYER_NAMES)
        .default(DEFAULT_DEPLOYER),
    )
    .option(
      '--system-node-selector <key=value>',
      'node label for operators and controllers (repeatable)',
      collectRepeated,
    )
    .option(
      '--system-node-toleration <toleration>',
      'taint they tolerate: key=value:Effect, key:Effect, key=value or key (repeatable)',
      collectRepeated,
    )
    .option(
      '--accelerated-node-selector <key=value>',
      'node label for GPU pods (repeatable)',
      collectRepeated,
    )
    .option(
      '--accelerated-node-toleration <toleration>',
      'taint GPU pods tolerate (repeatable)',
      collectRepeated,
    )
    .option(
      '--set <component:path=value>',
      'a Helm value for one component; component:enabled=false leaves it out (repeatable, last wins)',
      collectRepeated,
    )
    .option(
      '--repo <url>',
      'argocd, flux: the Git repository the bundle is pushed to (default: a <YOUR_GIT_REPO> placeholder)',
    )
    .option(
      '--revision <ref>',
      'argocd, flux: the Git branch, tag or commit to follow (default main)',
    )
    .option('--force', 'replace an existing --output directory or archive')
    .option(
      '--data <dir>',
      'your recipe data directory, laid over the embedded data (as for recipe)',
    )
    .addHelpText('after', EXAMPLES)
    .action(async (flags) => {
      // toBundleOptions sits with the action: cnsd converts a request's fields with it too.
      const [{ toBundleOptions }, { writeBundle }, { formatBundleSummary }] = await Promise.all([
        import('../../actions/bundle/to-bundle-options.js'),
        import('../../actions/bundle/write-bundle.js'),
        import('../format/bundle-summary.js'),
      ]);
      const request = toBundleRequest(flags, toBundleOptions(flags, context.deps.toolVersion));
      const { plan, tree } = await writeBundle(request, context.deps);
      context.io.stdout.write(formatBundleSummary(plan, tree, flags.output));
    });
  command.addCommand(verifyCommand(context));
  program.addCommand(command);
}

function verifyCommand(context: CliContext) {
  return withFormatOption(
    new Command('verify')
      .description(
        'Check a bundle (directory, .zip or .tar.gz) against its checksums.txt: missing, extra, changed files',
      )
      .argument('<location>', 'the bundle directory or archive'),
    bundleVerificationRenderers,
  ).action(async (location, flags) => {
    const { verifyBundle, verificationExitCode } =
      await import('../../actions/bundle/verify-bundle.js');
    const report = await verifyBundle(location, context.deps);
    await writeResult(context, flags, bundleVerificationRenderers[flags.format], report, {});
    context.exitCode = verificationExitCode(report);
  });
}
