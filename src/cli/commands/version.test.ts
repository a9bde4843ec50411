import { describe, expect, it } from 'vitest';
import { cnsctl } from '../../../test/cli/run-cli-in-process.js';
import { CNS_VERSION } from '../../version.js';

describe('cnsctl version', () => {
  it.each([
    [['version'], new RegExp(`^cnsctl ${CNS_VERSION.replace(/\./g, '\\.')} \\(node \\d+`)],
    [['--version'], new RegExp(`^${CNS_VERSION.replace(/\./g, '\\.')}\\n$`)],
  ])('%j prints the version', async (argv, pattern) => {
    const run = await cnsctl(argv);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(pattern);
  });

  it('prints JSON for scripts', async () => {
    const run = await cnsctl(['version', '-t', 'json']);
    expect(JSON.parse(run.stdout)).toMatchObject({
      version: CNS_VERSION,
      node: process.versions.node,
    });
  });
});

describe('cnsctl (root)', () => {
  it('prints help and succeeds with no arguments', async () => {
    const run = await cnsctl([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: cnsctl');
    expect(run.stdout).toMatch(/recipe \[options\]/);
  });

  it('exits 2 on an unknown command and suggests the right one', async () => {
    const run = await cnsctl(['recipee']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(Did you mean recipe?)');
  });

  it.each([['recipe'], ['query'], ['version'], ['completion']])(
    'has help with examples for %s',
    async (command) => {
      const run = await cnsctl([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: cnsctl ${command}`);
      expect(run.stdout).toContain('Examples:');
    },
  );
});
