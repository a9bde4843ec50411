/**
 * @module `cnsctl diff`: two snapshots key by key, a fleet of snapshots (three or more, or a directory)
 * by majority and outliers, or one snapshot against a recipe's constraints as drift. Exit code 0 when
 * they agree, 1 when they differ, like diff(1). A directory argument stands for its .yaml, .yml and
 * .json files in file-name order (the DocumentLister port).
 */
import { Command } from '@commander-js/extra-typings';
import type { CliContext } from '../cli-context.js';
import { diffRenderers } from '../format/diff-renderers.js';
import { toDiffOptions } from '../options/diff-options.js';
import { collectRepeated } from '../repeated-options.js';
import { withOutputOptions } from '../shared-flags.js';
import { writeResult } from '../write-result.js';

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
        collectRepeated,
        [] as string[],
      )
      .option(
        '--only <pattern>',
        'compare only keys matching this glob (repeatable)',
        collectRepeated,
        [] as string[],
      )
      .option(
        '--no-default-ignores',
        'also compare volatile keys (timestamps, PIDs, counters, hostname)',
      ),
    diffRenderers,
  )
    .addHelpText('after', EXAMPLES)
    .action(async (args, flags) => {
      const options = toDiffOptions(args, flags);
      const [{ diffDocuments }, { diffExitCode }] = await Promise.all([
        import('../../actions/diff/diff-documents.js'),
        import('../../core/diff/diff-exit-code.js'),
      ]);
      const report = await diffDocuments(options.request, context.deps);
      await writeResult(context, options, diffRenderers[options.format], report, {});
      context.exitCode = diffExitCode(report);
    });
  program.addCommand(command);
}
