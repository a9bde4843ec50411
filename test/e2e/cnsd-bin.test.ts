/**
 * The shipped server (bin/cnsd.mjs over dist/cnsd.mjs), run as an operator runs it: flags and
 * environment, JSON logs, SIGTERM finishing what is in flight; and the proof that cnsctl, built from
 * the same sources, never loads the HTTP framework.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CRITERIA_FLAGS, REPO_ROOT } from '../cli/run-cli-in-process.js';
import { fixturePath } from '../validate/read-fixture.js';

const CNSD = `${REPO_ROOT}bin/cnsd.mjs`;
const CNSCTL = `${REPO_ROOT}bin/cnsctl.cjs`;
const built = existsSync(`${REPO_ROOT}dist/cnsd.mjs`) && existsSync(`${REPO_ROOT}dist/cnsctl.cjs`);
if (!built && process.env.CI)
  throw new Error('dist/ is missing: npm test builds it before running the tests');

/** The server's own libraries: none of them may load in cnsctl. */
const SERVER_LIBRARIES =
  /^(fastify|@fastify\/|fastify-|prom-client|close-with-grace|pino|avvio|light-my-request|find-my-way)/;

/** What fastify's code, or an import of a server library, looks like in a bundle. */
const SERVER_CODE =
  /FST_ERR_[A-Z]|(?:require\(|from )"(?:fastify|@fastify\/[\w-]+|prom-client|close-with-grace)"/;

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  /** Standard output: the JSON log lines. */
  readonly log: () => string;
  /** Standard error: the lines for the person who started it (the explorer's address). */
  readonly stderr: () => string;
}

async function startCnsd(env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [CNSD, '--port', '0', '--log-level', 'info'], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1768309558', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(log);
      if (match?.[1]) {
        clearInterval(poll);
        resolve(match[1]);
      }
    }, 10);
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`cnsd exited ${code}: ${log}${stderr}`));
    });
  });
  return { child, url, log: () => log, stderr: () => stderr };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe.skipIf(!built)('bin/cnsd.mjs', () => {
  it('prints its usage and version, and refuses a bad setting with exit 2 naming it', () => {
    const help = spawnSync(process.execPath, [CNSD, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cnsd \[--port <port>\]/);
    const bad = spawnSync(process.execPath, [CNSD], {
      encoding: 'utf8',
      env: { ...process.env, CNSD_ALLOWED_SERVICE: 'eks,ecs' },
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      'error: CNSD_ALLOWED_SERVICE: unknown service "ecs"; accepted values are eks, gke, aks, oke, kind, any\n',
    );
  });

  it('exits 6 with one line when its port is taken', async () => {
    const server = await startCnsd();
    try {
      const { port } = new URL(server.url);
      const second = spawnSync(process.execPath, [CNSD, '--port', port], { encoding: 'utf8' });
      expect(second.status).toBe(6);
      expect(second.stderr).toBe(
        `error: cannot listen on 127.0.0.1:${port} (EADDRINUSE); choose another --port or --host\n`,
      );
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });

  it('serves the recipe cnsctl prints, logging JSON lines, and prints the explorer’s address apart', async () => {
    const server = await startCnsd();
    try {
      const answer = await fetch(
        `${server.url}/v1/recipe?service=eks&accelerator=h100&os=ubuntu&intent=training`,
        {
          headers: { accept: 'application/yaml' },
        },
      );
      const cli = spawnSync(process.execPath, [CNSCTL, 'recipe', ...DEMO_CRITERIA_FLAGS], {
        encoding: 'utf8',
        env: { ...process.env, SOURCE_DATE_EPOCH: '1768309558' },
      });
      expect(await answer.text()).toBe(cli.stdout);
      expect(server.stderr()).toBe(`cnsd: recipe explorer at ${server.url}/\n`);
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
    const lines = server
      .log()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.msg === 'request completed')).toMatchObject({
      requestId: expect.any(String) as string,
      res: { statusCode: 200 },
    });
  });

  it('on SIGTERM finishes the request in flight, refuses new connections and exits 0', async () => {
    const server = await startCnsd();
    const { port } = new URL(server.url);
    const body = readFileSync(fixturePath('validate/eks-h100-snapshot.yaml'), 'utf8');
    const answer = new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/recipe',
          headers: {
            'content-type': 'application/yaml',
            'content-length': Buffer.byteLength(body),
            'x-request-id': 'in-flight',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 100));
      const arrived = setInterval(() => {
        if (!server.log().includes('"requestId":"in-flight"')) return;
        clearInterval(arrived);
        server.child.kill('SIGTERM');
        const closing = setInterval(() => {
          if (!server.log().includes('shutting down')) return;
          clearInterval(closing);
          req.end(body.slice(100));
        }, 5);
      }, 5);
    });
    const exit = exited(server.child);
    expect(await answer).toBe(200);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(await exit).toBe(0);
  });
});

describe.skipIf(!built)('cnsctl and the HTTP framework', () => {
  it('cnsctl never loads it: no server library is required by any command, nor bundled', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-modules-'));
    const commands = [
      ['recipe', ...DEMO_CRITERIA_FLAGS, '-o', join(dir, 'recipe.yaml')],
      ['query', ...DEMO_CRITERIA_FLAGS, '--selector', 'deploymentOrder'],
      [
        'validate',
        '--recipe',
        join(dir, 'recipe.yaml'),
        '--snapshot',
        fixturePath('validate/eks-h100-snapshot.yaml'),
      ],
      ['diff', fixturePath('diff/eks-node-before.yaml'), fixturePath('diff/eks-node-after.yaml')],
      ['snapshot', '-o', join(dir, 'snapshot.yaml')],
      ['bundle', '--recipe', join(dir, 'recipe.yaml'), '-o', join(dir, 'bundle.zip')],
      ['bundle', 'verify', join(dir, 'bundle.zip')],
      ['version'],
    ];
    for (const [index, args] of commands.entries()) {
      const record = join(dir, `usage-${index}.json`);
      const run = spawnSync(
        process.execPath,
        ['--require', `${REPO_ROOT}bench/usage-hook.cjs`, CNSCTL, ...args],
        {
          encoding: 'utf8',
          env: { ...process.env, CNS_USAGE_FILE: record },
        },
      );
      expect([0, 1], `${args.join(' ')}: ${run.stderr}`).toContain(run.status);
      const loaded = (JSON.parse(readFileSync(record, 'utf8')) as { requested: string[] })
        .requested;
      expect(loaded.length, 'the recorder saw the requires').toBeGreaterThan(3);
      expect(
        loaded.filter((name) => SERVER_LIBRARIES.test(name)),
        args[0],
      ).toEqual([]);
    }
    // The bundle names fastify only in the package.json it inlines for its version; its code is absent.
    const bundle = readFileSync(`${REPO_ROOT}dist/cnsctl.cjs`, 'utf8');
    expect(bundle.match(SERVER_CODE)).toBeNull();
  });

  it('cnsd does load it (the check above can see it)', () => {
    const bundle = readFileSync(`${REPO_ROOT}dist/cnsd.mjs`, 'utf8');
    expect(bundle).toMatch(SERVER_CODE);
    expect(bundle).toContain('from "fastify"');
  });
});
