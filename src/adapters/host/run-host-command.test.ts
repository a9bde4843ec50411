import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseHostCommandStrategy,
  createHostCommandRunner,
  findOnPath,
} from './run-host-command.js';

const isRoot = process.getuid?.() === 0;
// Our own process, as the composition root describes it.
const ownProcess = {
  env: { PATH: process.env.PATH },
  userId: process.getuid?.(),
  killProcessGroup: (groupId: number, signal: 'SIGKILL') => process.kill(-groupId, signal),
};
const direct = createHostCommandRunner('/', ownProcess);

/** Whether a process runs; a killed child of a killed parent may linger as a zombie until reaped. */
async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && !/^\d+ \(.*\) [ZX]/.test(stat);
}

describe('createHostCommandRunner with host root /', () => {
  it('returns exit code, stdout and stderr of a command that fails', async () => {
    const result = await direct.run('sh', ['-c', 'echo out; echo err >&2; exit 3'], {
      timeoutMs: 5000,
    });
    expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('runs commands with LC_ALL=C so their output does not depend on the locale', async () => {
    const result = await direct.run('sh', ['-c', 'echo "$LC_ALL"'], { timeoutMs: 5000 });
    expect(result.stdout).toBe('C\n');
  });

  it('reports a program that does not exist as NOT_FOUND', async () => {
    await expect(
      direct.run('nvidia-smi-does-not-exist', ['-q'], { timeoutMs: 5000 }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'nvidia-smi-does-not-exist not found',
    });
  });

  it('reports a command killed by a signal with exit code 128 + the signal number', async () => {
    const result = await direct.run('sh', ['-c', 'kill -9 $$'], { timeoutMs: 5000 });
    expect(result.exitCode).toBe(137);
  });

  it('stops a command past its timeout with TIMEOUT, children included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cns-run-'));
    const pidFile = join(dir, 'pid');
    // sleep 30 outlasts the test's own time limit: a run that waited for it would fail the test.
    const error = await direct
      .run('sh', ['-c', `sleep 30 & echo $! > ${pidFile}; wait`], { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    const grandchild = Number(await readFile(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(await running(grandchild)).toBe(false);
    await rm(dir, { recursive: true, force: true });
  });

  it('reports an abort of the caller as CANCELLED', async () => {
    const controller = new AbortController();
    const pending = direct.run('sleep', ['30'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('reports an abort through AbortSignal.timeout as TIMEOUT', async () => {
    await expect(
      direct.run('sleep', ['30'], { signal: AbortSignal.timeout(100) }),
    ).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
  });

  it('does not start a command when the signal is already aborted', async () => {
    await expect(
      direct.run('sh', ['-c', 'exit 0'], { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});

describe('findOnPath', () => {
  it.each([
    [
      'finds a program in the first directory that has it',
      'sh',
      '/nonexistent:/bin:/usr/bin',
      '/bin/sh',
    ],
    ['returns undefined when no directory has it', 'nvidia-smi-absent', '/bin:/usr/bin', undefined],
    ['skips a file that is not executable', 'passwd', '/etc:/nonexistent', undefined],
    ['keeps a path with a slash as it is', '/usr/bin/env', '', '/usr/bin/env'],
  ])('%s', (_name, program, path, expected) => {
    expect(findOnPath(program, path)).toBe(expected);
  });
});

describe('createHostCommandRunner under another host root', () => {
  it('reports every command as UNAVAILABLE with the reason when no strategy works', async () => {
    const runner = createHostCommandRunner('/host', {
      ...ownProcess,
      chooseStrategy: () => Promise.resolve({ kind: 'unavailable', reason: 'no way in' }),
    });
    await expect(runner.run('nvidia-smi', [], { timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'no way in',
    });
  });

  it('chooses direct execution for root / and chroot for a directory when running as root', async () => {
    expect(await chooseHostCommandStrategy('/', ownProcess.userId)).toEqual({ kind: 'direct' });
    const expected = isRoot ? { kind: 'chroot', root: tmpdir() } : { kind: 'unavailable' };
    expect(await chooseHostCommandStrategy(tmpdir(), ownProcess.userId)).toMatchObject(expected);
  });

  it.each([
    ['chroots as root', 0, { kind: 'chroot' }],
    ['explains that it cannot run commands as another user', 1000, { kind: 'unavailable' }],
  ])('%s when the host root is not the root of PID 1', async (_name, userId, expected) => {
    expect(await chooseHostCommandStrategy(tmpdir(), userId)).toMatchObject(expected);
  });

  describe.runIf(isRoot)('through chroot into a minimal root', () => {
    let root: string;

    beforeAll(async () => {
      // A root holding only /bin/sh and its libraries: commands must come from it, not from us.
      root = await mkdtemp(join(tmpdir(), 'cns-chroot-'));
      const libraries =
        execFileSync('ldd', ['/bin/sh'], { encoding: 'utf8' }).match(/\/\S+/g) ?? [];
      for (const file of ['/bin/sh', ...libraries]) {
        await mkdir(join(root, dirname(file)), { recursive: true });
        await copyFile(file, join(root, file));
      }
      await writeFile(join(root, 'marker'), 'host file\n');
    });

    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('runs the command inside the root', async () => {
      const runner = createHostCommandRunner(root, ownProcess);
      const result = await runner.run(
        'sh',
        ['-c', 'while read l; do echo "read: $l"; done < /marker'],
        {
          timeoutMs: 5000,
        },
      );
      expect(result).toMatchObject({ exitCode: 0, stdout: 'read: host file\n' });
    });

    it('reports a program missing from the root as NOT_FOUND, though it exists outside', async () => {
      const runner = createHostCommandRunner(root, ownProcess);
      await expect(runner.run('ls', ['/'], { timeoutMs: 5000 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'ls not found on the host',
      });
    });
  });
});
