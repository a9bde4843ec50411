/**
 * A flag that takes one value may be given once, in every command: the test walks the whole command
 * tree, so a command or flag added later is covered without a new line here.
 */
import type { Command, Option } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { cnsctl } from '../../test/cli/run-cli-in-process.js';
import type { ActionDeps } from '../actions/ports.js';
import type { CliContext } from './cli-context.js';
import { buildProgram } from './program.js';
import { collectRepeated } from './repeated-options.js';

const context: CliContext = {
  io: {
    stdout: { write: () => true },
    stderr: { write: () => true },
    env: {},
    runtime: { node: 'test', platform: 'test/test' },
  },
  deps: {} as ActionDeps,
  globals: { debug: false, logJson: false },
  log: { log: () => undefined, passThrough: () => undefined },
  exitCode: 0,
};

/** Every command with its path from the root (`['data', 'check']`). */
function commandsOf(root: Command): { path: string[]; command: Command }[] {
  const found: { path: string[]; command: Command }[] = [];
  const visit = (command: Command, path: string[]) => {
    found.push({ path, command });
    for (const child of command.commands as Command[]) visit(child, [...path, child.name()]);
  };
  visit(root, []);
  return found;
}

const program = buildProgram(context, '0.0.0-test');
const valueOptions = commandsOf(program).flatMap(({ path, command }) =>
  command.options
    .filter((option) => option.required || option.optional)
    .map((option) => ({ path, option })),
);
// Values the option's own parser accepts, so that the second occurrence is what gets refused.
const twoValues = (option: Option): [string, string] => {
  const choices =
    option.argChoices ??
    (option.flags.endsWith('[bool]') ? ['true', 'false'] : ['first', 'second']);
  return [choices[0] ?? 'first', choices[1] ?? choices[0] ?? 'second'];
};
const single = valueOptions.filter(
  ({ option }) => !option.variadic && option.parseArg !== collectRepeated,
);
const repeatable = valueOptions.filter(({ option }) => option.parseArg === collectRepeated);

describe('repeated flags', () => {
  it('finds the single-value options of every command, subcommands included', () => {
    const names = single.map(({ path, option }) => `${path.join(' ')} ${option.long ?? ''}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'recipe --service',
        'recipe --output',
        'validate --snapshot',
        'snapshot --timeout',
        'data check --data',
        'diff --format',
        'bundle --deployer',
        'bundle --output',
        'bundle verify --format',
      ]),
    );
  });

  it.each(
    single.map(
      ({ path, option }) => [[...path].join(' '), option.long ?? option.flags, option] as const,
    ),
  )('%s refuses %s given twice', async (command, flag, option) => {
    const [first, second] = twoValues(option);
    const run = await cnsctl([...command.split(' ').filter(Boolean), flag, first, flag, second]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: ${flag} given twice (${JSON.stringify(first)}, then ${JSON.stringify(second)}); it takes one value, give it once\n`,
    );
    expect(run.stdout).toBe('');
  });

  it('leaves flags that collect values repeatable', () => {
    expect(repeatable.map(({ path, option }) => `${path.join(' ')} ${option.long ?? ''}`)).toEqual(
      expect.arrayContaining([
        'diff --ignore',
        'diff --only',
        'bundle --set',
        'bundle --system-node-selector',
      ]),
    );
  });

  it('accepts a repeatable flag given many times', async () => {
    const fixture = 'test/diff/fixtures/eks-node-before.yaml';
    const run = await cnsctl(['diff', fixture, fixture, '--ignore', 'OS.*', '--ignore', 'GPU.*']);
    expect(run.code).toBe(0);
  });

  it('refuses a flag given once by its short name and once by its long name', async () => {
    const run = await cnsctl(['recipe', '-t', 'json', '--format', 'yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format given twice ("json", then "yaml")');
  });
});
