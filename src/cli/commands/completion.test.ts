import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cnsctl } from '../../../test/cli/run-cli-in-process.js';

const CAPTURE = fileURLToPath(new URL('../../../test/cli/zsh-completions.zsh', import.meta.url));
const HAVE_ZSH = spawnSync('zsh', ['--version']).status === 0;
if (!HAVE_ZSH) console.warn('zsh is not installed: the zsh completion tests are skipped');

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

  it('emits a zsh script that compinit finds on $fpath: #compdef on its first line', async () => {
    const run = await cnsctl(['completion', 'zsh']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('#compdef cnsctl');
    expect(run.stdout).toContain('_cnsctl() {');
    expect(run.stdout).not.toContain('bashcompinit');
  });

  it.each([['fish', "complete -c cnsctl -n '__fish_use_subcommand' -a recipe"]])(
    'emits a %s script',
    async (shell, marker) => {
      const run = await cnsctl(['completion', shell]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(marker);
    },
  );

  it('refuses an unknown shell', async () => {
    const run = await cnsctl(['completion', 'tcsh']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bash, zsh, fish');
  });
});

describe.skipIf(!HAVE_ZSH)('cnsctl completion zsh in a real zsh', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cnsctl-zsh-'));
    await writeFile(join(dir, '_cnsctl'), (await cnsctl(['completion', 'zsh'])).stdout);
  });

  const offered = (how: 'fpath' | 'source', words: readonly string[]) => {
    const where = how === 'fpath' ? dir : join(dir, '_cnsctl');
    const run = spawnSync('zsh', ['-f', CAPTURE, how, where, ...words], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, HOME: dir },
    });
    return run.stdout.split('\n').filter((line) => line !== '');
  };

  it.each<['fpath' | 'source', string[], string[]]>([
    ['fpath', ['cnsctl', 're'], ['recipe']],
    [
      'fpath',
      ['cnsctl', "''"],
      [
        'snapshot',
        'recipe',
        'validate',
        'bundle',
        'diff',
        'query',
        'data',
        'version',
        'completion',
      ],
    ],
    ['fpath', ['cnsctl', 'bundle', '--deployer', "''"], ['script', 'argocd', 'flux', 'helm']],
    ['fpath', ['cnsctl', 'recipe', '--acc'], ['--accelerator']],
    ['fpath', ['cnsctl', 'recipe', '--service', "''"], ['eks', 'gke', 'aks', 'oke', 'kind', 'any']],
    ['fpath', ['cnsctl', 'validate', '--fail-on', "''"], ['error', 'warning', 'skipped', 'never']],
    ['fpath', ['cnsctl', 'diff', '--format', "''"], ['yaml', 'json', 'table']],
    ['fpath', ['cnsctl', 'completion', "''"], ['bash', 'zsh', 'fish']],
    ['source', ['cnsctl', 'va'], ['validate']],
  ])('loaded through %s, completes %j with %j', (how, words, expected) => {
    expect(offered(how, words)).toEqual(expected);
  });
});
