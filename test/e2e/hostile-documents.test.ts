/**
 * Hostile and mistaken documents given to the shipped executable (issue 8 §2, the reading part): each
 * is an input error with exit 2 and one clear line, never a stack overflow, a hang or "a bug".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';
import { fixturePath } from '../validate/read-fixture.js';

const BIN = `${REPO_ROOT}bin/cnsctl.cjs`;
const built = existsSync(`${REPO_ROOT}dist/cnsctl.cjs`);
const RECIPE = fixturePath('validate/recipe-h100-eks-training.yaml');
const SNAPSHOT = fixturePath('validate/eks-h100-snapshot.yaml');

const laughs = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...'bcdefghi'
    .split('')
    .map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
].join('\n');
const deepJson = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
const recipeWith = (value: string) =>
  `kind: recipeResult\napiVersion: cns.nvidia.com/v1alpha1\nconstraints:\n  - name: OS.sysctl./proc/sys/kernel/osrelease\n    value: "${value}"\n`;

/** [case, file name, content, which argument it is, the message's distinctive part] */
const CASES: ReadonlyArray<
  readonly [string, string, string, 'recipe' | 'snapshot' | 'criteria', RegExp]
> = [
  ['an alias bomb', 'bomb.yaml', laughs, 'snapshot', /aliases expand too far/],
  ['a 5000-deep JSON document', 'deep.json', deepJson, 'recipe', /nested more than 256 levels/],
  [
    'a 5000-deep YAML flow sequence',
    'deep.yaml',
    `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    'snapshot',
    /:1:\d+: nested more than 256 levels/,
  ],
  [
    'a duplicate key',
    'dup.yaml',
    'kind: Snapshot\nkind: Snapshot\n',
    'snapshot',
    /:2:1: .*duplicate key "kind"/,
  ],
  [
    'a misspelt criteria key',
    'criteria.yaml',
    'kind: recipeCriteria\napiVersion: cns.nvidia.com/v1alpha1\nspec:\n  servce: eks\n',
    'criteria',
    /unknown key "servce"/,
  ],
  ['two clauses without a comma', 'r1.yaml', recipeWith('>=6.8 <6.0'), 'recipe', /second operator/],
  [
    'text after a version',
    'r2.yaml',
    recipeWith('>= 6.8 garbage'),
    'recipe',
    /is followed by " garbage"/,
  ],
];

describe.skipIf(!built)('bin/cnsctl.cjs given hostile documents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnsctl-hostile-'));

  it.each(CASES)('refuses %s with exit 2 and one line', (_name, file, content, role, message) => {
    const path = join(dir, file);
    writeFileSync(path, content);
    const argv =
      role === 'criteria'
        ? ['recipe', '--criteria', path]
        : [
            'validate',
            '--recipe',
            role === 'recipe' ? path : RECIPE,
            '--snapshot',
            role === 'snapshot' ? path : SNAPSHOT,
          ];
    const run = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/call stack|bug|\n\s+at /i);
  });
});
