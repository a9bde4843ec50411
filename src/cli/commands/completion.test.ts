import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cnsctl } from '../../../test/cli/run-cli-in-process.js';

describe('cnsctl completion', () => {
  it('emits a bash script that completes commands, flags and criteria values', async () => {
    const run = await cnsctl(['completion', 'bash']);
    expect(run.code).toBe(0);
    const complete = (words: string[]) => {
      const script = `${run.stdout}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _cnsctl_complete; echo "\${COMPREPLY[@]}"`;
      return spawnSync('bash', ['-c', script], { encoding: 'utf8' }).stdout.trim();
    };
    expect(complete(['cnsctl', 're'])).toBe('recipe');
    expect(complete(['cnsctl', 'recipe', '--acc'])).toBe('--accelerator');
    expect(complete(['cnsctl', 'recipe', '--service', 'e'])).toBe('eks');
    expect(complete(['cnsctl', 'recipe', '--format', ''])).toBe('yaml json table');
  });

  it.each([
    ['zsh', 'bashcompinit'],
    ['fish', "complete -c cnsctl -n '__fish_use_subcommand' -a recipe"],
  ])('emits a %s script', async (shell, marker) => {
    const run = await cnsctl(['completion', shell]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(marker);
  });

  it('refuses an unknown shell', async () => {
    const run = await cnsctl(['completion', 'tcsh']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bash, zsh, fish');
  });
});
