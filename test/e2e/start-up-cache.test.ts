/**
 * The start-up cache of bin/cnsctl.cjs, on a copy of the installed package: the Node in CNS_TEST_NODE
 * (as .ci/run sets it for Node 22 and 24; this Node otherwise) keeps its own cache, never touches
 * another version's, and gives the same output with a cache, without one, and when none can be saved.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CRITERIA_FLAGS, REPO_ROOT } from '../cli/run-cli-in-process.js';

const NODE = process.env.CNS_TEST_NODE || process.execPath;
const built = existsSync(`${REPO_ROOT}dist/cnsctl.cjs`);
const RECIPE = ['recipe', ...DEMO_CRITERIA_FLAGS];

const nodeSays = (expression: string): string =>
  spawnSync(NODE, ['-p', expression], { encoding: 'utf8' }).stdout.trim();
// Node >= 22.1 has a module compile cache; bin/cnsctl.cjs uses V8's code cache only where it has not.
const hasCompileCache =
  built && nodeSays("typeof require('node:module').enableCompileCache") === 'function';

/** A fresh copy of what the package installs (bin/ and the bundle), with no start-up cache. */
async function installedCopy(): Promise<{ root: string; dist: string; compileCache: string }> {
  const root = await mkdtemp(join(tmpdir(), 'cnsctl-install-'));
  await mkdir(join(root, 'bin'));
  await mkdir(join(root, 'dist'));
  await copyFile(`${REPO_ROOT}bin/cnsctl.cjs`, join(root, 'bin/cnsctl.cjs'));
  for (const name of ['cnsctl.cjs', 'catalog.json'])
    await copyFile(`${REPO_ROOT}dist/${name}`, join(root, 'dist', name));
  return { root, dist: join(root, 'dist'), compileCache: join(root, 'compile-cache') };
}

function recipeFrom(root: string, env: Record<string, string> = {}) {
  const result = spawnSync(NODE, [join(root, 'bin/cnsctl.cjs'), ...RECIPE], {
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1768309558', ...env },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

describe.skipIf(!built)(`the start-up cache under ${nodeSays('process.version')}`, () => {
  it('is saved by the first run and used by the next, with the same output', async () => {
    const { root, dist, compileCache } = await installedCopy();
    const env = { NODE_COMPILE_CACHE: compileCache };
    const first = recipeFrom(root, env);
    expect(recipeFrom(root, env)).toBe(first);
    if (hasCompileCache) {
      const version = nodeSays('process.version');
      expect((await readdir(compileCache)).some((d) => d.startsWith(`${version}-`))).toBe(true);
      expect((await readdir(dist)).sort()).toEqual(['catalog.json', 'cnsctl.cjs']);
    } else {
      expect(await readdir(dist)).toContain(
        `cnsctl.cjs.v8-${nodeSays('process.versions.v8')}.cache`,
      );
    }
  });

  it("leaves another Node version's cache alone", async () => {
    const { root, dist, compileCache } = await installedCopy();
    const other = join(dist, 'cnsctl.cjs.v8-0.0.0-another-node.cache');
    await writeFile(other, 'a cache that belongs to another V8');
    recipeFrom(root, { NODE_COMPILE_CACHE: compileCache });
    recipeFrom(root, { NODE_COMPILE_CACHE: compileCache });
    expect(await readFile(other, 'utf8')).toBe('a cache that belongs to another V8');
  });

  it('runs the same when no cache can be saved, and leaves no temporary file', async () => {
    const { root, dist } = await installedCopy();
    // Where each cache would go, something that is not a writable folder or file: a read-only
    // install as seen by a process that may run as root, which ignores file modes.
    const blocked = join(root, 'not-a-folder');
    await writeFile(blocked, '');
    await mkdir(join(dist, `cnsctl.cjs.v8-${nodeSays('process.versions.v8')}.cache`));
    const expected = recipeFrom((await installedCopy()).root);
    expect(recipeFrom(root, { NODE_COMPILE_CACHE: blocked })).toBe(expected);
    expect(recipeFrom(root, { NODE_COMPILE_CACHE: blocked })).toBe(expected);
    expect((await readdir(dist)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
