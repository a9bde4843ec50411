/**
 * The shipped executable (bin/cnsctl.cjs over the bundle in dist/), run as a user runs it: the
 * embedded catalog, exit codes, the code cache, Ctrl-C and a closed pipe.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_CRITERIA_FLAGS, REPO_ROOT } from '../cli/run-cli-in-process.js';

const BIN = `${REPO_ROOT}bin/cnsctl.cjs`;
// The Node that runs the CLI: .ci/run runs these tests again with CNS_TEST_NODE set to Node 22 and 24.
const NODE = process.env.CNS_TEST_NODE || process.execPath;
const built =
  existsSync(`${REPO_ROOT}dist/cnsctl.cjs`) && existsSync(`${REPO_ROOT}dist/catalog.json`);
if (!built && process.env.CI)
  throw new Error('dist/ is missing: npm test builds it before running the tests');

const run = (args: string[], input?: string) =>
  spawnSync(NODE, [BIN, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, SOURCE_DATE_EPOCH: '1768309558' },
  });

describe.skipIf(!built)('bin/cnsctl.cjs', () => {
  it("prints the demo's recipe from the embedded data", () => {
    const result = run(['recipe', ...DEMO_CRITERIA_FLAGS]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('kind: recipeResult');
    expect(result.stdout).toContain('generatedAt: "2026-01-13T13:05:58.000Z"');
    expect(result.stderr).toBe('');
  });

  it('gives the same bytes as the in-process runner for the same query', async () => {
    const { cnsctl } = await import('../cli/run-cli-in-process.js');
    const argv = [
      'recipe',
      '--service',
      'gke',
      '--os',
      'cos',
      '--accelerator',
      'h100',
      '--intent',
      'inference',
    ];
    expect(run(argv).stdout).toBe((await cnsctl(argv)).stdout);
  });

  it('has no real import() left in the bundle: vm.Script could not run it without an experimental loader', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(`${REPO_ROOT}dist/cnsctl.cjs`, 'utf8')).not.toMatch(/\bimport\(\s*["'`]/);
  });

  it('runs snapshot, validate and diff from the bundle', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/cnsctl-e2e-`);
    expect(run(['snapshot', '-o', `${dir}/s.yaml`]).status).toBe(0);
    expect(run(['recipe', '--snapshot', `${dir}/s.yaml`, '-o', `${dir}/r.yaml`]).status).toBe(0);
    expect([0, 1]).toContain(
      run(['validate', '--recipe', `${dir}/r.yaml`, '--snapshot', `${dir}/s.yaml`]).status,
    );
    const diff = run(['diff', `${dir}/s.yaml`, `${dir}/s.yaml`]);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('status: equal');
  });

  it('writes and verifies bundles as a folder, .zip and .tar.gz (archive libraries load from node_modules)', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/cnsctl-e2e-bundle-`);
    expect(run(['recipe', ...DEMO_CRITERIA_FLAGS, '-o', `${dir}/r.yaml`]).status).toBe(0);
    for (const [output, deployer] of [
      ['folder', 'argocd'],
      ['b.zip', 'flux'],
      ['b.tar.gz', 'helm'],
    ] as const) {
      const written = run([
        'bundle',
        '--recipe',
        `${dir}/r.yaml`,
        '-o',
        `${dir}/${output}`,
        '--deployer',
        deployer,
      ]);
      expect(written.stderr).toBe('');
      expect(written.status).toBe(0);
      const verified = run(['bundle', 'verify', `${dir}/${output}`]);
      expect(verified.stdout).toContain('files match checksums.txt');
      expect(verified.status).toBe(0);
    }
  });

  it('exits 130 on Ctrl-C during bundle and writes nothing', async () => {
    const { mkdtemp, readdir } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { createServer } = await import('node:http');
    const dir = await mkdtemp(`${tmpdir()}/cnsctl-e2e-bundle-`);
    // A recipe URL that never answers: once the request arrives, the command is surely running.
    let requested: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (requested = resolve));
    const server = createServer(() => requested());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const child = spawn(
      process.execPath,
      [BIN, 'bundle', '--recipe', `http://127.0.0.1:${port}/recipe.yaml`, '-o', `${dir}/out`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await arrived;
    child.kill('SIGINT');
    // The process ends by the signal (nothing to clean up while it waits), which a shell reports as 130.
    const ended = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('close', (...both) => resolve(both)),
    );
    server.closeAllConnections();
    server.close();
    expect(ended).toEqual([null, 'SIGINT']);
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    [['recipe', '--service', 'ekss'], 2],
    [['recipe', '--snapshot', '/nonexistent.yaml'], 3],
    [['nope'], 2],
    [['--version'], 0],
  ])('%j exits %i without a stack trace', (args, code) => {
    const result = run(args);
    expect(result.status).toBe(code);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const result = spawnSync(
      'bash',
      ['-c', `"${NODE}" ${BIN} completion bash | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toMatch(/^(0|141)$/);
  });

  it('exits 130 on Ctrl-C while waiting for input', async () => {
    // Waiting on input, cnsctl has nothing to clean up: SIGINT keeps its default action and ends the
    // process at once, whenever it arrives; the wait only lets it reach the read.
    const child = spawn(NODE, [BIN, 'recipe', '--snapshot', '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await readsStdin(child.pid ?? 0);
    child.kill('SIGINT');
    // Nothing to clean up: the process ends by the signal itself, which a shell reports as 130.
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('close', (...ended) => resolve(ended)),
    );
    expect([code, signal]).toEqual([null, 'SIGINT']);
    expect(stderr).toBe('');
  });
});

/**
 * Resolves once process `pid` waits for input on its standard input (Linux: fd 0 is registered in
 * one of its epoll sets, /proc/<pid>/fdinfo): proof that the run got as far as the read, however
 * slowly it started, without guessing a duration.
 */
async function readsStdin(pid: number): Promise<void> {
  for (;;) {
    const fds = await readdir(`/proc/${pid}/fdinfo`).catch(() => []);
    for (const fd of fds) {
      const info = await readFile(`/proc/${pid}/fdinfo/${fd}`, 'utf8').catch(() => '');
      if (/^tfd:\s+0\s/m.test(info)) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
