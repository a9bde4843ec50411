/**
 * The formats a command offers are exactly the keys of its result's renderer registry (the first is
 * the default), and each of them renders through the whole command.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { beforeAll, describe, expect, it } from 'vitest';
import { cnsctl, DEMO_CRITERIA_FLAGS } from '../../../test/cli/run-cli-in-process.js';
import {
  fixtureHostRoot,
  noCluster,
  openFixtureHost,
} from '../../../test/snapshot/fixture-host.js';
import { fixturePath } from '../../../test/validate/read-fixture.js';
import type { ActionDeps } from '../../actions/ports.js';
import type { CliContext } from '../cli-context.js';
import { buildProgram } from '../program.js';
import { bundleVerificationRenderers } from './bundle-verification-renderers.js';
import { diffRenderers } from './diff-renderers.js';
import { queryRenderers } from './query-renderers.js';
import { recipeRenderers } from './recipe-renderers.js';
import { snapshotRenderers } from './snapshot-renderers.js';
import { validationRenderers } from './validation-renderers.js';
import { versionRenderers } from './version-renderers.js';

const workDir = mkdtempSync(join(tmpdir(), 'cnsctl-renderers-'));
const bundleDir = join(workDir, 'bundles');

beforeAll(async () => {
  const recipe = join(workDir, 'recipe.yaml');
  expect((await cnsctl(['recipe', ...DEMO_CRITERIA_FLAGS, '-o', recipe])).code).toBe(0);
  expect((await cnsctl(['bundle', '--recipe', recipe, '-o', bundleDir])).code).toBe(0);
});

/** Each command (subcommands by their path) with --format, its registry, and arguments that give it a result to render. */
const COMMANDS: readonly (readonly [string, object, readonly string[]])[] = [
  ['recipe', recipeRenderers, DEMO_CRITERIA_FLAGS],
  ['query', queryRenderers, [...DEMO_CRITERIA_FLAGS, '--selector', 'deploymentOrder']],
  ['snapshot', snapshotRenderers, ['--host-root', fixtureHostRoot('h100-minimal')]],
  [
    'validate',
    validationRenderers,
    [
      '--recipe',
      fixturePath('validate/recipe-h100-checks.yaml'),
      '--snapshot',
      fixturePath('validate/h100-snapshot.yaml'),
    ],
  ],
  [
    'diff',
    diffRenderers,
    [fixturePath('diff/eks-node-before.yaml'), fixturePath('diff/eks-node-after.yaml')],
  ],
  ['version', versionRenderers, []],
  ['bundle verify', bundleVerificationRenderers, [bundleDir]],
];

// Declaring the command tree touches no port, so none is needed to inspect it.
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
const program = buildProgram(context, '0.0.0-test');
/** Every command and subcommand by its path (`bundle verify`). */
const everyCommand = (parent: CommandUnknownOpts, path: string[] = []) =>
  parent.commands.flatMap((c): [string, CommandUnknownOpts][] => [
    [[...path, c.name()].join(' '), c],
    ...everyCommand(c, [...path, c.name()]),
  ]);
const commands = new Map(everyCommand(program));
const formatOption = (name: string) =>
  commands.get(name)?.options.find((o) => o.long === '--format');

describe('renderer registries', () => {
  it('cover every command that has --format', () => {
    const withFormat = [...commands].filter(([, c]) =>
      c.options.some((o) => o.long === '--format'),
    );
    expect(withFormat.map(([name]) => name).sort()).toEqual(COMMANDS.map(([name]) => name).sort());
  });

  it.each(COMMANDS)(
    '%s offers exactly its registry’s formats, the first by default',
    (name, renderers) => {
      const option = formatOption(name);
      expect(option?.argChoices).toEqual(Object.keys(renderers));
      expect(option?.defaultValue).toBe(Object.keys(renderers)[0]);
    },
  );

  const everyFormat = COMMANDS.flatMap(([name, renderers, args]) =>
    Object.keys(renderers).map((format) => [name, format, args] as const),
  );
  it.each(everyFormat)('%s -t %s renders', async (name, format, args) => {
    const run = await cnsctl([...name.split(' '), ...args, '-t', format], {
      ports: { openHost: openFixtureHost, openKube: noCluster },
    });
    expect([0, 1]).toContain(run.code);
    expect(run.stdout.length).toBeGreaterThan(0);
  });
});
