/**
 * Hostile and large input against the shipped executable (bin/cnsctl.cjs over dist/), run as a
 * process, one case per row: what a user, a script or a broken environment can throw at cnsctl, and
 * what it must answer. Signals are real signals; every wait is for a readiness signal (the server
 * seeing the request, the FIFO open in the process, the file read), never a fixed sleep.
 *
 * Exit statuses are as a shell reports them: a process ended by SIGINT is 130, by SIGTERM 143.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  stat,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CRITERIA_FLAGS, REPO_ROOT } from '../cli/run-cli-in-process.js';
import { fixturePath } from '../validate/read-fixture.js';

const BIN = `${REPO_ROOT}bin/cnsctl.cjs`;
// The Node that runs the CLI (.ci/run may run the end-to-end tests again under other versions).
const NODE = process.env.CNS_TEST_NODE || process.execPath;
const built =
  existsSync(`${REPO_ROOT}dist/cnsctl.cjs`) && existsSync(`${REPO_ROOT}dist/catalog.json`);
if (!built && process.env.CI)
  throw new Error('dist/ is missing: npm test builds it before running the tests');

const RECIPE = fixturePath('validate/recipe-h100-checks.yaml');
const SNAPSHOT = fixturePath('validate/h100-snapshot.yaml');
/** How long a case may wait for a readiness signal before it fails instead of hanging. */
const READY_WITHIN_MS = 20_000;
/** "Within a second" on an idle machine; the margin is for a loaded 2-core one. */
const ENDS_WITHIN_MS = 5_000;

interface Ended {
  /** The exit status as a shell reports it: the code, or 128 + the signal's number. */
  readonly status: number;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface Started {
  readonly child: ChildProcess;
  readonly ended: Promise<Ended>;
}

/** How `child` ends, with what it printed. */
function endOf(child: ChildProcess): Promise<Ended> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<Ended>((resolve) =>
    child.on('close', (code, signal) =>
      resolve({
        status: code ?? 128 + (signal ? constants.signals[signal] : 0),
        signal,
        stdout,
        stderr,
      }),
    ),
  );
}

function start(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: 'ignore' | number } = {},
): Started {
  const child = spawn(NODE, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, SOURCE_DATE_EPOCH: '1768309558', ...options.env },
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  return { child, ended: endOf(child) };
}

const run = (args: readonly string[], options: Parameters<typeof start>[1] = {}) =>
  start(args, options).ended;

/** Polls `condition` (a readiness signal) until it holds; fails the case rather than hang. */
async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not ready: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Whether process `pid` holds `path` open. */
async function holdsOpen(pid: number, path: string): Promise<boolean> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
  const targets = await Promise.all(
    fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')),
  );
  return targets.includes(path);
}

/** Bytes process `pid` has read so far (all files and pipes together). */
async function bytesRead(pid: number): Promise<number> {
  const io = await readFile(`/proc/${pid}/io`, 'utf8').catch(() => '');
  return Number(/^rchar: (\d+)$/m.exec(io)?.[1] ?? 0);
}

/** Whether `pid` is a live process (a zombie is not). */
async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && !/^\d+ \(.*\) Z /.test(stat);
}

/** Sends `signal` and returns how the process ended and how long that took. */
async function interrupt(started: Started, signal: NodeJS.Signals) {
  const sent = Date.now();
  started.child.kill(signal);
  const ended = await started.ended;
  return { ...ended, afterMs: Date.now() - sent };
}

const temp = () => mkdtemp(join(tmpdir(), 'cnsctl-hostile-'));
const mkfifo = async (path: string) => {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  await promisify(execFile)('mkfifo', [path]);
  return path;
};

// A local server: a trickling body, an endless chunked body, a redirect loop, a declared length.
type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const requested = new Map<string, () => void>();
let server: Server;
let base = '';
const ROUTES: Readonly<Record<string, Handler>> = {
  '/trickle': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/yaml' });
    response.write('kind: Snapshot\n');
    const timer = setInterval(() => response.write('#'), 50);
    response.on('close', () => clearInterval(timer));
  },
  '/endless': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/yaml' });
    const chunk = Buffer.alloc(256 * 1024, '#');
    const send = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', send);
    };
    send();
  },
  '/loop': (_request, response) => response.writeHead(302, { location: '/loop' }).end(),
  '/huge': (_request, response) =>
    response.writeHead(200, { 'content-length': String(3 * 1024 ** 3) }).end(),
};

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.get(request.url ?? '')?.();
    (ROUTES[request.url ?? ''] ?? ((_q, r: ServerResponse) => r.writeHead(404).end()))(
      request,
      response,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Resolves when the server receives a request for `path`. */
const whenRequested = (path: string) =>
  new Promise<void>((resolve) => requested.set(path, resolve));

describe.skipIf(!built)(
  'interrupts end cnsctl at every moment, with nothing written after them',
  () => {
    it.each([
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)(
      '%s during a read from a FIFO no one writes to: status %i',
      async (signal, status) => {
        const dir = await temp();
        const fifo = await mkfifo(join(dir, 'snapshot.fifo'));
        const out = join(dir, 'out.yaml');
        const started = start(['validate', '--recipe', RECIPE, '--snapshot', fifo, '-o', out]);
        await until('the FIFO open in cnsctl', () => holdsOpen(started.child.pid ?? 0, fifo));
        const ended = await interrupt(started, signal);
        expect(ended.status).toBe(status);
        expect(ended.afterMs).toBeLessThan(ENDS_WITHIN_MS);
        expect(existsSync(out)).toBe(false);
      },
    );

    it.each([
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)('%s during a download that trickles: status %i', async (signal, status) => {
      const dir = await temp();
      const out = join(dir, 'recipe.yaml');
      const requestedNow = whenRequested('/trickle');
      const started = start(['recipe', '--snapshot', `${base}/trickle`, '-o', out]);
      await requestedNow;
      const ended = await interrupt(started, signal);
      expect(ended.status).toBe(status);
      expect(ended.afterMs).toBeLessThan(ENDS_WITHIN_MS);
      expect(existsSync(out)).toBe(false);
    });

    it('SIGINT during a long parse: status 130, long before the parse could end', async () => {
      const dir = await temp();
      const big = join(dir, 'big.yaml');
      const lines = Array.from({ length: 800_000 }, (_, i) => `      key-${i}: value number ${i}`);
      const text = `kind: Snapshot\napiVersion: cns.nvidia.com/v1alpha1\nmetadata: {}\nmeasurements:\n  - type: OS\n    subtypes:\n    - subtype: big\n      data:\n${lines.join('\n')}\n`;
      await writeFile(big, text);
      const out = join(dir, 'out.yaml');
      const started = start(['validate', '--recipe', RECIPE, '--snapshot', big, '-o', out]);
      const size = (await stat(big)).size;
      // Once cnsctl has read as many bytes as the file holds, it is parsing (or reading its tail).
      await until(
        'the document read',
        async () => (await bytesRead(started.child.pid ?? 0)) >= size,
      );
      const ended = await interrupt(started, 'SIGINT');
      expect(ended.status).toBe(130);
      expect(ended.afterMs).toBeLessThan(ENDS_WITHIN_MS);
      expect(existsSync(out)).toBe(false);
    });

    it.each([
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)(
      '%s while a host command runs: cleans up (kills the command) and ends with status %i',
      async (signal, status) => {
        const dir = await temp();
        const bin = join(dir, 'bin');
        await mkdir(bin);
        // A stand-in nvidia-smi that says it started (its pid), then hangs.
        const fake = join(bin, 'nvidia-smi');
        await writeFile(fake, `#!/bin/sh\necho $$ > "${dir}/started"\nexec sleep 60\n`);
        await chmod(fake, 0o755);
        const out = join(dir, 'snapshot.yaml');
        const started = start(['snapshot', '-o', out], {
          env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
        });
        await until('the host command started', () =>
          Promise.resolve(existsSync(join(dir, 'started'))),
        );
        const commandPid = Number(await readFile(join(dir, 'started'), 'utf8'));
        await until('the host command running', () => isAlive(commandPid));
        const ended = await interrupt(started, signal);
        expect(ended.status).toBe(status);
        expect(ended.afterMs).toBeLessThan(ENDS_WITHIN_MS);
        expect(ended.stderr).toContain('interrupted: cleaning up');
        expect(existsSync(out)).toBe(false);
        expect(await readdir(dir)).toEqual(
          expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]),
        );
        await until('the host command killed', async () => !(await isAlive(commandPid)));
      },
    );
  },
);

describe.skipIf(!built)('every read stops at its limit', () => {
  it.each([
    [
      'standard input from /dev/zero',
      ['recipe', '--snapshot', '-'],
      '/dev/zero',
      '<stdin>: more than the 64 MiB limit',
    ],
    [
      'the device /dev/zero',
      ['recipe', '--snapshot', '/dev/zero'],
      undefined,
      '/dev/zero: more than the 64 MiB limit',
    ],
    [
      'an endless chunked HTTP body',
      ['recipe', '--snapshot', '@/endless'],
      undefined,
      '/endless: more than the 64 MiB limit',
    ],
    [
      'an HTTP body declared at 3 GiB',
      ['recipe', '--snapshot', '@/huge'],
      undefined,
      '/huge: 3 GiB, over the 64 MiB limit',
    ],
  ])('%s: exit 2 with the limit named', async (_name, args, stdinFile, message) => {
    const argv = args.map((arg) => arg.replace(/^@/, base));
    const ended = stdinFile ? await runWithStdinFile(argv, stdinFile) : await run(argv);
    expect(ended.status).toBe(2);
    expect(ended.stderr).toContain(message);
    expect(ended.stderr).not.toMatch(/\n\s+at /);
  });

  it('a FIFO whose writer never stops: exit 2', async () => {
    const dir = await temp();
    const fifo = await mkfifo(join(dir, 'endless.fifo'));
    const writer = spawn('sh', ['-c', `cat /dev/zero > "${fifo}"`], { stdio: 'ignore' });
    try {
      const ended = await run(['recipe', '--snapshot', fifo]);
      expect(ended.status).toBe(2);
      expect(ended.stderr).toBe(
        `error: ${fifo}: more than the 64 MiB limit; cnsctl stopped reading it\n`,
      );
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('a sparse 3 GiB file: exit 2 without reading it', async () => {
    const dir = await temp();
    const big = join(dir, 'big.yaml');
    await writeFile(big, '');
    await truncate(big, 3 * 1024 ** 3);
    const ended = await run(['recipe', '--snapshot', big]);
    expect(ended.status).toBe(2);
    expect(ended.stderr).toBe(
      `error: ${big}: 3 GiB, over the 64 MiB limit; cnsctl stopped reading it\n`,
    );
  });
});

/** Runs with standard input read from `file` (a device, as `< /dev/zero` in a shell). */
async function runWithStdinFile(args: readonly string[], file: string): Promise<Ended> {
  const { open } = await import('node:fs/promises');
  const handle = await open(file, 'r');
  try {
    return await start(args, { stdin: handle.fd }).ended;
  } finally {
    await handle.close();
  }
}

describe.skipIf(!built)('user and environment errors are never "a bug"', () => {
  interface Case {
    readonly name: string;
    readonly prepare: (dir: string) => Promise<readonly string[]>;
    readonly status: number;
    readonly stderr: (dir: string) => string | RegExp;
  }
  const CASES: readonly Case[] = [
    {
      name: '-o under an existing file (ENOTDIR)',
      prepare: async (dir) => {
        await writeFile(join(dir, 'file'), 'x');
        return ['recipe', ...DEMO_CRITERIA_FLAGS, '-o', join(dir, 'file', 'x.yaml')];
      },
      status: 2,
      stderr: (dir) => `error: ${dir}/file/x.yaml: a part of the path is a file, not a directory\n`,
    },
    {
      name: '-o with a name over 255 bytes (ENAMETOOLONG)',
      prepare: (dir) =>
        Promise.resolve([
          'recipe',
          ...DEMO_CRITERIA_FLAGS,
          '-o',
          join(dir, `${'n'.repeat(300)}.yaml`),
        ]),
      status: 2,
      stderr: () => /: file name too long\n$/,
    },
    {
      name: 'a snapshot behind a symlink loop (ELOOP)',
      prepare: async (dir) => {
        await symlink(join(dir, 'b'), join(dir, 'a'));
        await symlink(join(dir, 'a'), join(dir, 'b'));
        return ['recipe', '--snapshot', join(dir, 'a')];
      },
      status: 2,
      stderr: (dir) => `error: ${dir}/a: too many levels of symbolic links (a symlink loop?)\n`,
    },
    {
      name: '-o onto a symlink loop (ELOOP)',
      prepare: async (dir) => {
        await symlink(join(dir, 'b'), join(dir, 'a'));
        await symlink(join(dir, 'a'), join(dir, 'b'));
        return ['recipe', ...DEMO_CRITERIA_FLAGS, '-o', join(dir, 'a')];
      },
      status: 2,
      stderr: (dir) => `error: ${dir}/a: too many levels of symbolic links (a symlink loop?)\n`,
    },
    {
      name: 'a directory given as a document',
      prepare: (dir) => Promise.resolve(['recipe', '--snapshot', dir]),
      status: 2,
      stderr: (dir) => `error: ${dir}: is a directory, expected a file\n`,
    },
    {
      name: 'a redirect loop',
      prepare: () => Promise.resolve(['recipe', '--snapshot', `${base}/loop`]),
      status: 6,
      stderr: () =>
        `error: ${base}/loop: too many redirects (a redirect loop?); give the final URL\n`,
    },
    {
      name: 'a repeated single-value flag',
      prepare: () => Promise.resolve(['recipe', '--service', 'eks', '--service', 'gke']),
      status: 2,
      stderr: () =>
        'error: --service given twice ("eks", then "gke"); it takes one value, give it once\n',
    },
  ];

  it.each(CASES)('$name: exit $status with one clear line', async ({ prepare, status, stderr }) => {
    const dir = await temp();
    const ended = await run(await prepare(dir));
    expect(ended.status).toBe(status);
    const expected = stderr(dir);
    if (typeof expected === 'string') expect(ended.stderr).toBe(expected);
    else expect(ended.stderr).toMatch(expected);
    expect(ended.stderr).not.toContain('This is a bug');
  });

  it.each([
    ['a result', ['recipe', ...DEMO_CRITERIA_FLAGS]],
    ['help text', ['--help']],
    ['a completion script', ['completion', 'bash']],
  ])('%s on a full disk (/dev/full as stdout): exit 6, says so, no stack', async (_name, args) => {
    const ended = await runShell(`"${NODE}" "${BIN}" ${args.join(' ')} > /dev/full`);
    expect(ended.status).toBe(6);
    expect(ended.stderr).toBe('error: standard output: no space left on device\n');
  });

  it('stops quietly when the reader closes the pipe (EPIPE)', async () => {
    const ended = await runShell(
      `"${NODE}" "${BIN}" recipe ${DEMO_CRITERIA_FLAGS.join(' ')} -t json | head -c 1 > /dev/null; exit "\${PIPESTATUS[0]}"`,
    );
    expect(ended.status).toBe(0);
    expect(ended.stderr).toBe('');
  });
});

/** Runs a bash command line (for redirections such as > /dev/full). */
function runShell(command: string): Promise<Ended> {
  return endOf(spawn('bash', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe.skipIf(!built)('output, terminals and logs', () => {
  it('-o onto a symlink writes the file it points to, keeps the link and the mode', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'recipe.yaml'), 'old\n');
    await chmod(join(dir, 'recipe.yaml'), 0o600);
    await symlink('recipe.yaml', join(dir, 'current.yaml'));
    const ended = await run(['recipe', ...DEMO_CRITERIA_FLAGS, '-o', join(dir, 'current.yaml')]);
    expect(ended.status).toBe(0);
    expect(await readlink(join(dir, 'current.yaml'))).toBe('recipe.yaml');
    expect(await readFile(join(dir, 'recipe.yaml'), 'utf8')).toContain('kind: recipeResult');
    expect((await stat(join(dir, 'recipe.yaml'))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['current.yaml', 'recipe.yaml']);
  });

  it('a table shows escape sequences from a document as text and cuts a 10 MB value', async () => {
    const dir = await temp();
    const snapshot = (await readFile(SNAPSHOT, 'utf8')).replace(
      /^(\s+)source-node: .*$/m,
      `$1source-node: "node\\e]0;owned\\a\\e[2J${'x'.repeat(10_000_000)}"`,
    );
    await writeFile(join(dir, 'snapshot.yaml'), snapshot);
    const ended = await run([
      'validate',
      '--recipe',
      RECIPE,
      '--snapshot',
      join(dir, 'snapshot.yaml'),
      '-t',
      'table',
    ]);
    expect([0, 1]).toContain(ended.status);
    expect(ended.stdout).toContain('node\\x1b]0;owned\\x07\\x1b[2J');
    expect(ended.stdout).not.toContain('\u001b');
    expect(Math.max(...ended.stdout.split('\n').map((line) => line.length))).toBeLessThan(2_000);
  });

  it('--log-json makes every stderr line a JSON object with a time: commander’s errors and the runtime’s warnings too', async () => {
    const dir = await temp();
    // A warning from the runtime itself, as a deprecated API used by a dependency would give.
    await writeFile(
      join(dir, 'warn.cjs'),
      "process.emitWarning('an old API', 'DeprecationWarning');\n",
    );
    const cases: readonly [readonly string[], Record<string, string>, string][] = [
      [['--log-json', 'recipe', '--bogus'], {}, "unknown option '--bogus'"],
      [['--log-json', 'recipe', '--snapshot', SNAPSHOT], {}, 'building recipe from snapshot'],
      [['--log-json', 'recipe', '--snapshot', '/nonexistent.yaml'], {}, 'no such file'],
      [
        ['--log-json', 'recipe', ...DEMO_CRITERIA_FLAGS],
        { NODE_OPTIONS: `--require ${join(dir, 'warn.cjs')}` },
        'DeprecationWarning: an old API',
      ],
    ];
    for (const [args, env, seen] of cases) {
      const ended = await run(args, { env });
      const lines = ended.stderr.split('\n').filter((line) => line !== '');
      const parsed = lines.map(
        (line) => JSON.parse(line) as { time: string; level: string; msg: string },
      );
      for (const line of parsed) {
        expect(line).toMatchObject({ time: expect.any(String), level: expect.any(String) });
      }
      expect(parsed.map((line) => line.msg).join('\n')).toContain(seen);
    }
  });

  it('--data problems: the user’s file and line, one problem for one mistake', async () => {
    const dir = await temp();
    await writeFile(
      join(dir, 'registry.yaml'),
      'apiVersion: cns.nvidia.com/v1alpha1\nkind: ComponentRegistry\ncomponents:\n  - name: gpu-operator\n    displayName: NVIDIA GPU Operator\n    helm: {repository: https://helm.ngc.nvidia.com/nvidia, chart: gpu-operator}\n    namespace: 12\n',
    );
    const ended = await run(['recipe', '--data', dir, ...DEMO_CRITERIA_FLAGS]);
    expect(ended.status).toBe(2);
    expect(ended.stderr).toBe(
      `error: recipe data is invalid (1 problem):\n  ${dir}/registry.yaml:7: components[0].namespace: Invalid input: expected string, received number\n`,
    );
  });
});
