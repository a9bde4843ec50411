// Keeps the README's command examples true: run in order, in a scratch directory, each one works and
// each document one command writes is read by the next (no table written into recipe.yaml).
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../validate/read-fixture.js';
import { cnsctl } from './run-cli-in-process.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const examples = (/After `npm ci`[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '')
  .split('\n')
  .filter((line) => line.startsWith('cnsctl '))
  .map((line) =>
    line
      .replace(/\s+#.*$/, '')
      .split(/\s+/)
      .slice(1),
  );

/** Exit codes that mean "ran and reported"; 1 is a finding about this machine, not a broken example. */
const RESULT_CODES: Readonly<Record<string, readonly number[]>> = {
  validate: [0, 1],
  diff: [0, 1],
};

describe('the README examples', () => {
  it('are there', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it('run in order, each reading what the one before wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-readme-'));
    await copyFile(fixturePath('diff/eks-node-before.yaml'), join(dir, 'before.yaml'));
    await copyFile(fixturePath('diff/eks-node-after.yaml'), join(dir, 'after.yaml'));
    for (const argv of examples) {
      // Documents and the user's directories (./my-recipes: here empty) live in the scratch directory.
      const inDir = argv.map((arg) =>
        /^[\w-]+\.(ya?ml|json|xml)$/.test(arg) || arg.startsWith('./') ? join(dir, arg) : arg,
      );
      for (const arg of argv.filter((a) => a.startsWith('./'))) {
        await mkdir(join(dir, arg), { recursive: true });
      }
      const run = await cnsctl(inDir, { env: { KUBECONFIG: join(dir, 'no-kubeconfig') } });
      expect({ argv: argv.join(' '), code: run.code, stderr: run.stderr }).toMatchObject({
        code: expect.toSatisfy((code: number) =>
          (RESULT_CODES[argv[0] ?? ''] ?? [0]).includes(code),
        ),
      });
    }
  });
});
