/**
 * @module `cnsctl bundle`: a recipe in, deployment files out (a directory, a .zip or a .tar.gz) for one
 * deployer; and `cnsctl bundle verify` to check a bundle against its checksums. The work is in
 * actions/bundle (shared with cnsd) and adapters/output; this file declares flags and wires them.
 */
import { Command, Option } from '@commander-js/extra-typings';
import { DEFAULT_DEPLOYER, DEPLOYER_NAMES } from '../../core/bundle/deployers.js';
import type { CliContext } from '../cli-context.js';

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

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

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
      collect,
    )
    .option(
      '--system-node-toleration <toleration>',
      'taint they tolerate: key=value:Effect, key:Effect, key=value or key (repeatable)',
      collect,
    )
    .option(
      '--accelerated-node-selector <key=value>',
      'node label for GPU pods (repeatable)',
      collect,
    )
    .option(
      '--accelerated-node-toleration <toleration>',
      'taint GPU pods tolerate (repeatable)',
      collect,
    )
    .option(
      '--set <component:path=value>',
      'a Helm value for one component; component:enabled=false leaves it out (repeatable, last wins)',
      collect,
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
      const [
        { CnsError },
        { toBundleOptions },
        { makeBundle },
        { readTypedDocument },
        { recipeResultSchema },
        { loadCatalog },
        { writeBundle },
        { formatBundleSummary },
        { CNS_VERSION },
      ] = await Promise.all([
        import('../../core/shared/errors.js'),
        import('../../actions/bundle/to-bundle-options.js'),
        import('../../actions/bundle/make-bundle.js'),
        import('../../adapters/documents/read-typed-document.js'),
        import('../../core/recipe/recipe-result.js'),
        import('../../adapters/catalog/load-catalog.js'),
        import('../../adapters/output/write-bundle.js'),
        import('../format/bundle-summary.js'),
        import('../../version.js'),
      ]);
      if (flags.recipe === undefined) {
        throw new CnsError(
          'USAGE',
          'bundle needs --recipe <uri>: a recipeResult from cnsctl recipe',
          {
            details: {},
          },
        );
      }
      const options = toBundleOptions(flags, CNS_VERSION);
      const [recipe, embedded] = await Promise.all([
        readTypedDocument(
          context.documents,
          flags.recipe,
          recipeResultSchema,
          'recipeResult',
          context.signal,
        ),
        context.deps.loadEmbeddedCatalog(),
      ]);
      const catalog = await loadCatalog(embedded, flags.data);
      const { tree, plan } = await makeBundle({ recipe, options }, { catalog });
      await writeBundle(tree, flags.output, {
        force: flags.force === true,
        signal: context.signal,
        ...(context.io.env.SOURCE_DATE_EPOCH ? { mtime: context.clock.now() } : {}),
      });
      context.io.stdout.write(formatBundleSummary(plan, tree, flags.output));
    });
  command.addCommand(verifyCommand(context));
  program.addCommand(command);
}

function verifyCommand(context: CliContext) {
  return new Command('verify')
    .description(
      'Check a bundle (directory, .zip or .tar.gz) against its checksums.txt: missing, extra, changed files',
    )
    .argument('<location>', 'the bundle directory or archive')
    .addOption(
      new Option('-t, --format <format>', 'output format')
        .choices(['table', 'json', 'yaml'] as const)
        .default('table' as const),
    )
    .action(async (location, flags) => {
      const [
        { verifyBundle, verificationExitCode },
        { readBundle },
        { formatVerificationTable },
        { toJson, toYaml },
      ] = await Promise.all([
        import('../../actions/bundle/verify-bundle.js'),
        import('../../adapters/output/read-bundle.js'),
        import('../format/bundle-summary.js'),
        import('../../core/shared/serialize.js'),
      ]);
      const report = await verifyBundle(location, { readBundle, signal: context.signal });
      const render = { table: formatVerificationTable, json: toJson, yaml: toYaml }[flags.format];
      context.io.stdout.write(render(report));
      context.exitCode = verificationExitCode(report);
    });
}
