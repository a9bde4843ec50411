/**
 * @module `cnsctl diff`: two snapshots key by key, a fleet of snapshots (three or more, or a directory)
 * by majority and outliers, or one snapshot against a recipe's constraints as drift. Exit code 0 when
 * they agree, 1 when they differ, like diff(1). A directory argument is expanded here, in the shell,
 * to its .yaml, .yml and .json files in file-name order.
 */
import { Command } from '@commander-js/extra-typings';
import type { NamedSnapshot } from '../../core/diff/name-nodes.js';
import type { CliContext } from '../cli-context.js';
import { withOutputOptions } from '../shared-flags.js';

const EXAMPLES = `
Keys are named Type.Subtype.Key (OS.sysctl./proc/sys/kernel/osrelease, SystemD.containerd.service.Restart).
--ignore and --only take globs on those names: * matches any characters (dots and slashes too), ? one
character, [a-z] one of a set, \\ escapes. Volatile keys (timestamps, PIDs, counters, the hostname,
boot ids, GPU readings) are ignored by default; docs/commands/diff.md lists them.

Exit codes: 0 equal (or no drift), 1 different (or drifted), 2 bad input, 3 not found.

Examples:
  # One node before and after an upgrade
  cnsctl diff before.yaml after.yaml

  # A working node and a broken one, GPU and kernel settings only
  cnsctl diff good.yaml bad.yaml --only 'GPU.*' --only 'OS.sysctl.*'

  # The fleet: which nodes differ from the majority, and on what
  cnsctl diff snapshots/ -t table

  # Drift: the recipe constraints the node no longer meets
  cnsctl diff --recipe recipe.yaml cm://gpu-operator/cns-snapshot

  # Everything, volatile keys included, as JSON
  cnsctl diff a.yaml b.yaml --no-default-ignores -t json
`;

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

export function registerDiff(program: Command, context: CliContext): void {
  const command = withOutputOptions(
    new Command('diff')
      .description(
        'Compare snapshots: two of one node over time or of two nodes, a fleet for outliers, or one against a recipe for drift',
      )
      .argument('[snapshots...]', 'Snapshot documents (file, -, URL, cm://) or directories of them')
      .option('--recipe <uri>', 'compare one snapshot with this recipeResult: report drift')
      .option(
        '--ignore <pattern>',
        'leave out keys matching this glob (repeatable)',
        collect,
        [] as string[],
      )
      .option(
        '--only <pattern>',
        'compare only keys matching this glob (repeatable)',
        collect,
        [] as string[],
      )
      .option(
        '--no-default-ignores',
        'also compare volatile keys (timestamps, PIDs, counters, hostname)',
      ),
    ['yaml', 'json', 'table'] as const,
  )
    .addHelpText('after', EXAMPLES)
    .action(async (args, flags) => {
      const [{ diffSnapshots }, { diffExitCode }, { CNS_VERSION }] = await Promise.all([
        import('../../actions/diff/diff-snapshots.js'),
        import('../../core/diff/diff-exit-code.js'),
        import('../../version.js'),
      ]);
      const uris = await expandArguments(args, flags.recipe === '-');
      const [snapshots, recipe] = await Promise.all([
        readSnapshots(context, uris),
        flags.recipe === undefined ? undefined : readRecipe(context, flags.recipe),
      ]);
      const report = diffSnapshots(
        {
          snapshots,
          ...(recipe === undefined ? {} : { recipe }),
          filter: {
            ignore: flags.ignore ?? [],
            only: flags.only ?? [],
            defaultIgnores: flags.defaultIgnores,
          },
        },
        { clock: context.clock, toolVersion: CNS_VERSION },
      );
      const [{ toJson, toYaml }, { formatDiffTable }, { loadPaint, wantsColor }, { writeResult }] =
        await Promise.all([
          import('../../core/shared/serialize.js'),
          import('../format/diff-table.js'),
          import('../format/diff-colors.js'),
          import('../write-result.js'),
        ]);
      const paint = await loadPaint(
        flags.format === 'table' && wantsColor(context.io, flags.output),
      );
      await writeResult(context, flags, {
        yaml: () => toYaml(report),
        json: () => toJson(report),
        table: () => formatDiffTable(report, paint),
      });
      context.exitCode = diffExitCode(report);
    });
  program.addCommand(command);
}

const SNAPSHOT_FILE = /\.(ya?ml|json)$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// Enough reads in flight to hide file latency, few enough to stay far from the open-file limit.
const READ_CONCURRENCY = 16;

/** Replaces each local directory argument by its snapshot files, sorted by name. */
async function expandArguments(
  args: readonly string[],
  recipeFromStdin: boolean,
): Promise<string[]> {
  const [fs, path, { CnsError }] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
    import('../../core/shared/errors.js'),
  ]);
  const expanded: string[] = [];
  for (const arg of args) {
    const local = arg !== '-' && !SCHEME.test(arg);
    const isDirectory =
      local &&
      (await fs.stat(arg).then(
        (s) => s.isDirectory(),
        () => false,
      ));
    if (!isDirectory) {
      expanded.push(arg);
      continue;
    }
    const entries = await fs.readdir(arg, { withFileTypes: true });
    const files = entries
      .filter(
        (e) =>
          (e.isFile() || e.isSymbolicLink()) &&
          !e.name.startsWith('.') &&
          SNAPSHOT_FILE.test(e.name),
      )
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (files.length === 0) {
      throw new CnsError(
        'NOT_FOUND',
        `${arg}: no snapshot files (.yaml, .yml, .json) in this directory`,
        {
          details: { path: arg },
        },
      );
    }
    expanded.push(...files.map((name) => path.join(arg, name)));
  }
  if (expanded.filter((uri) => uri === '-').length + (recipeFromStdin ? 1 : 0) > 1) {
    throw new CnsError(
      'USAGE',
      'stdin (-) can be read only once; give the other documents as files or URLs',
      {
        details: { arguments: args },
      },
    );
  }
  return expanded;
}

async function readSnapshots(
  context: CliContext,
  uris: readonly string[],
): Promise<NamedSnapshot[]> {
  const [{ readTypedDocument }, { snapshotSchema }] = await Promise.all([
    import('../../adapters/documents/read-typed-document.js'),
    import('../../core/snapshot/snapshot.js'),
  ]);
  const snapshots: NamedSnapshot[] = new Array<NamedSnapshot>(uris.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < uris.length) {
      const index = next++;
      const uri = uris[index] as string;
      const snapshot = await readTypedDocument(
        context.documents,
        uri,
        snapshotSchema,
        'Snapshot',
        context.signal,
      );
      snapshots[index] = { source: uri === '-' ? '<stdin>' : uri, snapshot };
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, uris.length) }, worker));
  return snapshots;
}

async function readRecipe(context: CliContext, uri: string) {
  const [{ readTypedDocument }, { recipeResultSchema }] = await Promise.all([
    import('../../adapters/documents/read-typed-document.js'),
    import('../../core/recipe/recipe-result.js'),
  ]);
  const recipe = await readTypedDocument(
    context.documents,
    uri,
    recipeResultSchema,
    'recipeResult',
    context.signal,
  );
  return { source: uri === '-' ? '<stdin>' : uri, constraints: recipe.constraints };
}
