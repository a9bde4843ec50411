import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CRITERIA_FLAGS, cnsctl } from '../../test/cli/run-cli-in-process.js';
import { fixturePath } from '../../test/validate/read-fixture.js';

const RECIPE = fixturePath('validate/recipe-h100-eks-training.yaml');
const SNAPSHOT = fixturePath('validate/eks-h100-snapshot.yaml');
const commands: Readonly<Record<string, readonly string[]>> = {
  recipe: ['recipe', ...DEMO_CRITERIA_FLAGS],
  validate: ['validate', '--recipe', RECIPE, '--snapshot', SNAPSHOT],
  diff: ['diff', SNAPSHOT, SNAPSHOT],
  snapshot: ['snapshot'],
};

describe('-o with -t', () => {
  it.each([
    ['recipe', 'recipe.yaml', 'table'],
    ['recipe', 'recipe.JSON', 'table'],
    ['validate', 'results.yaml', 'junit'],
    ['validate', 'results.json', 'table'],
    ['diff', 'drift.yml', 'table'],
    ['snapshot', 'snapshot.yaml', 'table'],
  ])(
    'refuses %s -o %s -t %s before doing any work, and writes nothing',
    async (command, file, format) => {
      const dir = await mkdtemp(join(tmpdir(), 'cnsctl-output-'));
      const run = await cnsctl([...(commands[command] ?? []), '-o', join(dir, file), '-t', format]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(`^error: -o .*${file.replace('.', '\\.')} -t ${format}: `),
      );
      expect(run.stderr).toContain('no command can read back');
      await expect(readFile(join(dir, file))).rejects.toThrow(/ENOENT/);
    },
  );

  it.each([
    ['recipe', 'recipe.txt', 'table', /^Recipe for /],
    ['recipe', 'recipe.yaml', 'json', /^\{/],
    ['recipe', 'recipe.yaml', 'yaml', /^kind: recipeResult/],
    ['validate', 'junit.xml', 'junit', /^<\?xml/],
    ['validate', 'results.json', 'json', /"kind": "ValidationResult"/],
  ])('writes %s -o %s -t %s', async (command, file, format, content) => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-output-'));
    const run = await cnsctl([...(commands[command] ?? []), '-o', join(dir, file), '-t', format]);
    expect(run.code).toBe(0);
    expect(await readFile(join(dir, file), 'utf8')).toMatch(content);
  });
});
