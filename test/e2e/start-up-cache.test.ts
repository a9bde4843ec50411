/**
 * The start-up cache of bin/cnsctl.cjs, on a copy of the installed package: the Node in CNS_TEST_NODE
 * (as .ci/run sets it for Node 22 and 24; this Node otherwise) keeps its own cache, never touches
 * another version's, and gives the same output with a cache, without one, and from a read-only
 * install.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  chmod,
  copyFile,
  link,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CRITERIA_FLAGS, REPO_ROOT } from '../cli/run-cli-in-process.js';

const NODE = process.env.CNS_TEST_NODE || process.execPath;
const built = existsSync(`${REPO_ROOT}dist/cnsctl.cjs`);
const RECIPE = ['recipe', ...DEMO_CRITERIA_FLAGS];
const BUNDLE_FILES = ['catalog.json', 'cnsctl.cjs'];

const nodeSays = (expression: string): string =>
  spawnSync(NODE, ['-p', expression], { encoding: 'utf8' }).stdout.trim();
const v8CacheName = built ? `cnsctl.cjs.v8-${nodeSays('process.versions.v8')}.cache` : '';
// Node >= 22.1 has a module compile cache, which a read-only install falls back to.
const hasCompileCache =
  built && nodeSays("typeof require('node:module').enableCompileCache") === 'function';

interface Install {
  readonly root: string;
  readonly dist: string;
  /** The folder NODE_COMPILE_CACHE points at. */
  readonly compileCache: string;
}

/** A fresh copy of what the package installs (bin/ and the bundle), with no start-up cache. */
async function installedCopy(): Promise<Install> {
  const root = await mkdtemp(join(tmpdir(), 'cnsctl-install-'));
  await mkdir(join(root, 'bin'));
  await mkdir(join(root, 'dist'));
  await copyFile(`${REPO_ROOT}bin/cnsctl.cjs`, join(root, 'bin/cnsctl.cjs'));
  for (const name of BUNDLE_FILES)
    await copyFile(`${REPO_ROOT}dist/${name}`, join(root, 'dist', name));
  return { root, dist: join(root, 'dist'), compileCache: join(root, 'compile-cache') };
}

function recipeFrom(
  { root, compileCache }: Install,
  node = NODE,
  options: SpawnSyncOptions = {},
): string {
  const result = spawnSync(node, [join(root, 'bin/cnsctl.cjs'), ...RECIPE], {
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1768309558', NODE_COMPILE_CACHE: compileCache },
    ...options,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return String(result.stdout);
}

/**
 * Makes `install` read-only for the process that runs it and returns that process's Node and spawn
 * options. Root ignores file modes, so as root the CLI runs as nobody, with a link to the Node binary
 * where nobody can reach it.
 */
async function readOnly(install: Install): Promise<{ node: string; options: SpawnSyncOptions }> {
  await mkdir(install.compileCache);
  await chmod(install.compileCache, 0o777);
  for (const dir of [install.root, join(install.root, 'bin'), install.dist])
    await chmod(dir, 0o555);
  if (process.getuid?.() !== 0) return { node: NODE, options: {} };
  const node = join(install.compileCache, 'node');
  await link(NODE, node).catch(() => copyFile(NODE, node));
  await chmod(node, 0o755);
  return { node, options: { uid: 65534, gid: 65534 } };
}

describe.skipIf(!built)(`the start-up cache under ${nodeSays('process.version')}`, () => {
  it('is saved by the first run, named by the V8 version, and used by the next', async () => {
    const install = await installedCopy();
    const first = recipeFrom(install);
    const cache = await readFile(join(install.dist, v8CacheName));
    expect(recipeFrom(install)).toBe(first);
    expect(await readFile(join(install.dist, v8CacheName))).toEqual(cache);
  });

  it("leaves another Node version's cache alone", async () => {
    const install = await installedCopy();
    const other = join(install.dist, 'cnsctl.cjs.v8-0.0.0-another-node.cache');
    await writeFile(other, 'a cache that belongs to another V8');
    recipeFrom(install);
    recipeFrom(install);
    expect(await readFile(other, 'utf8')).toBe('a cache that belongs to another V8');
  });

  it('runs the same from a read-only install, from the module compile cache where Node has one', async () => {
    const expected = recipeFrom(await installedCopy());
    const install = await installedCopy();
    const { node, options } = await readOnly(install);
    expect(recipeFrom(install, node, options)).toBe(expected);
    expect(recipeFrom(install, node, options)).toBe(expected);
    expect((await readdir(install.dist)).sort()).toEqual(BUNDLE_FILES);
    const version = nodeSays('process.version');
    const compiled = (await readdir(install.compileCache)).filter((d) => d.startsWith(version));
    expect(compiled).toHaveLength(hasCompileCache ? 1 : 0);
  });

  it('runs the same when its cache cannot be saved, and leaves no temporary file', async () => {
    const expected = recipeFrom(await installedCopy());
    const install = await installedCopy();
    // A folder where the cache file would go: the rename at exit fails, whoever runs it.
    await mkdir(join(install.dist, v8CacheName));
    expect(recipeFrom(install)).toBe(expected);
    expect(recipeFrom(install)).toBe(expected);
    expect((await readdir(install.dist)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
